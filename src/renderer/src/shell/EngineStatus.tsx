// The Docker engine, as the shell shows it: a banner on every screen while it does not answer
// (with what to do, and a button to ask again), and a quiet status line in the nav when it does.
import { useState } from 'react';
import type { EngineStatus } from '../../../shared/contract/engine-status';
import type { Loadable } from '../library/library-store';
import { useClient } from './client-context';
import { routeHref } from './route';

export function EngineBanner({ engine }: { engine: Loadable<EngineStatus> }) {
  const client = useClient();
  const [asking, setAsking] = useState(false);
  if (engine.state === 'loading') return null;
  if (engine.state === 'ready' && engine.value.reachable) return null;

  const retry = async () => {
    setAsking(true);
    try {
      await client.invoke('engine.status'); // its answer also arrives as the engine.status event
    } catch {
      // the banner already says what is wrong
    } finally {
      setAsking(false);
    }
  };
  const what =
    engine.state === 'error'
      ? `Could not ask for the Docker engine's status: ${engine.message}`
      : (engine.value.message ?? `The Docker engine at ${engine.value.endpoint} does not answer.`);
  return (
    <div className="engine-banner" role="alert">
      <div>
        <strong>Docker is not reachable — games cannot start.</strong>
        <p>{what}</p>
        <p className="engine-banner-help">
          Start Docker (for example <code>sudo systemctl start docker</code>), make sure your user may use it (the{' '}
          <code>docker</code> group), or point the app at the right endpoint in <a href={routeHref({ name: 'settings' })}>Settings</a>.
        </p>
      </div>
      <button type="button" className="button button-small" onClick={() => void retry()} disabled={asking}>
        {asking ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}

export function EngineIndicator({ engine }: { engine: Loadable<EngineStatus> }) {
  if (engine.state === 'loading') {
    return (
      <p className="engine-indicator" role="status">
        <span className="engine-dot engine-dot-unknown" aria-hidden="true" />
        Checking the Docker engine…
      </p>
    );
  }
  if (engine.state === 'error' || !engine.value.reachable) {
    return (
      <p className="engine-indicator" role="status">
        <span className="engine-dot engine-dot-down" aria-hidden="true" />
        Docker engine unreachable
      </p>
    );
  }
  const { version, apiVersion, endpoint } = engine.value;
  return (
    <p className="engine-indicator" role="status" title={endpoint}>
      <span className="engine-dot" aria-hidden="true" />
      <span>
        Docker engine{version ? ` ${version}` : ''}
        {apiVersion ? <span className="engine-detail"> (API {apiVersion})</span> : null}
        <span className="engine-detail engine-endpoint"> at {endpoint}</span>
      </span>
    </p>
  );
}
