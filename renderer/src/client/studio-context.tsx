/** Hands the StudioClient and the project editor to every component below it. */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useState } from 'react';

import type { StudioClient } from '../../../app/contract/client.ts';
import { ProjectEditor } from './project-editor.ts';

interface StudioContextValue {
  client: StudioClient;
  editor: ProjectEditor;
}

const StudioContext = createContext<StudioContextValue | null>(null);

export function StudioProvider(props: {
  client: StudioClient;
  /** Called with every edit that failed after its optimistic update was rolled back. */
  onEditError: (error: unknown) => void;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const { client, onEditError } = props;
  const [editor] = useState(() => new ProjectEditor({ client, queryClient, onError: onEditError }));
  return (
    <StudioContext.Provider value={{ client, editor }}>{props.children}</StudioContext.Provider>
  );
}

function useStudioContext(): StudioContextValue {
  const value = useContext(StudioContext);
  if (value === null) {
    throw new Error('useStudioClient needs a <StudioProvider> above it.');
  }
  return value;
}

export function useStudioClient(): StudioClient {
  return useStudioContext().client;
}

export function useProjectEditor(): ProjectEditor {
  return useStudioContext().editor;
}
