// The backend in one short line (adapter, kernel-table row and why behind a disclosure), and the banners for no WebGPU, a software adapter and a lost device.
import { dismissRestartNotice } from '../../actions';
import { useApp } from '../../store';
import { StartupProgress } from './StartupProgress';

/** The backend in a few words for the status line; its name and the reasons are behind the disclosure. */
const BACKEND_WORDS: Record<string, string> = { wasm: 'CPU (wasm)', cpu: 'CPU (plain JS)', webgpu: 'GPU (WebGPU)' };

export function StatusBanner() {
  const backend = useApp((s) => s.backend);
  const backendError = useApp((s) => s.backendError);
  const deviceLost = useApp((s) => s.deviceLost);
  const restarted = useApp((s) => s.engineRestarted);
  return (
    <div className="status" aria-live="polite">
      <StartupProgress />
      {backendError && (
        <div className="banner banner-error" role="alert">
          The compute engine could not start: {backendError}
        </div>
      )}
      {backend?.webgpuUnavailable && (
        <div className="banner banner-warn" role="alert" data-testid="no-webgpu-banner">
          WebGPU is not available ({backend.webgpuUnavailable}). Running on the {backend.backend.toUpperCase()} backend on the
          CPU: everything works, more slowly.
        </div>
      )}
      {deviceLost && (
        <div className="banner banner-warn" role="alert" data-testid="device-lost-banner">
          The GPU device was lost ({deviceLost}). It will be restarted on your next action.
        </div>
      )}
      {restarted && (
        <div className="banner banner-info" role="status" data-testid="engine-restarted">
          {restarted}{' '}
          <button type="button" onClick={() => dismissRestartNotice()} aria-label="Dismiss the restart notice">
            OK
          </button>
        </div>
      )}
      {backend && (
        <div className="backend" data-testid="backend">
          Running on <strong>{BACKEND_WORDS[backend.backend] ?? backend.backend}</strong>
          {backend.cpuThreads && (
            <span data-testid="cpu-threads">
              {' '}
              · {backend.cpuThreads.count} {backend.cpuThreads.count === 1 ? 'thread' : 'threads'}
            </span>
          )}
          <details className="backend-details">
            <summary>details</summary>
            Backend <strong>{backend.backend}</strong>
            {backend.adapter && <> on {backend.adapter}</>}
            {backend.softwareAdapter && (
              <span className="flag" title="A CPU implementation of WebGPU: correct but slow" data-testid="software-adapter">
                software adapter
              </span>
            )}
            {backend.cpuThreads && !backend.cpuThreads.crossOriginIsolated && ' · this page is not cross-origin isolated, so no threads: see the README'}
            {backend.cpuPreferred && (
              <span data-testid="cpu-preferred">
                {' '}
                · WebGPU not used: {backend.cpuPreferred} (<a href="?backend=webgpu">use WebGPU anyway</a>)
              </span>
            )}
          </details>
        </div>
      )}
    </div>
  );
}
