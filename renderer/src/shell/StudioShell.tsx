/** The window's frame: app bar, reconnect banner, the routed screen, jobs tray and toasts. */
import { useState } from 'react';

import { useLiveEvents } from '../client/use-live-events.ts';
import { JobsTray } from '../features/jobs/JobsTray.tsx';
import { LibraryScreen } from '../features/library/LibraryScreen.tsx';
import { ModelsScreen } from '../features/models/ModelsScreen.tsx';
import { ProjectScreen } from '../features/project/ProjectScreen.tsx';
import { useT } from '../i18n/I18nProvider.tsx';
import { useRoute } from '../routing/hash-route.ts';
import { ToastViewport } from '../ui/Toasts.tsx';
import { AppBar } from './AppBar.tsx';

export function StudioShell() {
  const t = useT();
  const connected = useLiveEvents();
  const route = useRoute();
  const [jobsOpen, setJobsOpen] = useState(false);
  return (
    <div className="app">
      <AppBar
        route={route}
        jobsOpen={jobsOpen}
        onToggleJobs={() => {
          setJobsOpen((open) => !open);
        }}
      />
      {connected ? null : (
        <div className="banner banner-warn" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('app.reconnecting')}
        </div>
      )}
      <main className={route.screen === 'project' ? 'screen screen-fill' : 'screen'} id="main">
        {route.screen === 'project' ? (
          <ProjectScreen key={route.projectId} projectId={route.projectId} />
        ) : route.screen === 'models' ? (
          <ModelsScreen />
        ) : (
          <LibraryScreen />
        )}
      </main>
      <JobsTray open={jobsOpen} onOpenChange={setJobsOpen} />
      <ToastViewport />
    </div>
  );
}
