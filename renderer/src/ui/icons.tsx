/** Inline stroke icons (no icon font or network asset: the CSP allows neither). */
import type { ReactNode } from 'react';

function Icon(props: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {props.children}
    </svg>
  );
}

export const IconClose = () => (
  <Icon>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
);
export const IconPlus = () => (
  <Icon>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);
export const IconUndo = () => (
  <Icon>
    <path d="M9 14L4 9l5-5" />
    <path d="M4 9h11a5 5 0 010 10h-3" />
  </Icon>
);
export const IconRedo = () => (
  <Icon>
    <path d="M15 14l5-5-5-5" />
    <path d="M20 9H9a5 5 0 000 10h3" />
  </Icon>
);
export const IconSearch = () => (
  <Icon>
    <circle cx="11" cy="11" r="7" />
    <path d="M20 20l-3.5-3.5" />
  </Icon>
);
export const IconTrash = () => (
  <Icon>
    <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
  </Icon>
);
export const IconCopy = () => (
  <Icon>
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V5a1 1 0 011-1h9" />
  </Icon>
);
export const IconPencil = () => (
  <Icon>
    <path d="M4 20h4L19 9l-4-4L4 16v4z" />
  </Icon>
);
export const IconDownload = () => (
  <Icon>
    <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
  </Icon>
);
export const IconUpload = () => (
  <Icon>
    <path d="M12 16V5M7 10l5-5 5 5M5 20h14" />
  </Icon>
);
export const IconGrip = () => (
  <Icon>
    <path d="M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01" />
  </Icon>
);
export const IconUp = () => (
  <Icon>
    <path d="M6 15l6-6 6 6" />
  </Icon>
);
export const IconDown = () => (
  <Icon>
    <path d="M6 9l6 6 6-6" />
  </Icon>
);
export const IconBack = () => (
  <Icon>
    <path d="M15 18l-6-6 6-6" />
  </Icon>
);
export const IconActivity = () => (
  <Icon>
    <path d="M3 12h4l3-8 4 16 3-8h4" />
  </Icon>
);
export const IconCube = () => (
  <Icon>
    <path d="M12 3l8 4.5v9L12 21l-8-4.5v-9L12 3zM12 12l8-4.5M12 12v9M12 12L4 7.5" />
  </Icon>
);
export const IconLogo = () => (
  <svg className="logo-mark" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
    <rect x="3" y="4" width="18" height="4" rx="1.5" fill="#4aa3df" />
    <rect x="3" y="10" width="13" height="4" rx="1.5" fill="#7b7fe8" />
    <rect x="3" y="16" width="8" height="4" rx="1.5" fill="#e0685b" />
  </svg>
);

/* Transport (filled shapes read better at this size). */
export const IconPlay = () => (
  <Icon>
    <path d="M7 5l12 7-12 7z" fill="currentColor" />
  </Icon>
);
export const IconPause = () => (
  <Icon>
    <path d="M7 5h3v14H7zM14 5h3v14h-3z" fill="currentColor" />
  </Icon>
);
export const IconStop = () => (
  <Icon>
    <path d="M6 6h12v12H6z" fill="currentColor" />
  </Icon>
);
export const IconLoop = () => (
  <Icon>
    <path d="M17 2l3 3-3 3M4 11V9a4 4 0 014-4h12M7 22l-3-3 3-3M20 13v2a4 4 0 01-4 4H4" />
  </Icon>
);
export const IconMetronome = () => (
  <Icon>
    <path d="M9 3h6l3 18H6zM12 15l5-9M8 15h8" />
  </Icon>
);
