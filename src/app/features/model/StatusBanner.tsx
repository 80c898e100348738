// The backend in one short line (adapter, kernel-table row and why behind a disclosure), and the banners for no WebGPU, a software adapter and a lost device.
import { dismissRestartNotice } from '../../actions';
import { useT } from '../../i18n/i18n';
import { useApp } from '../../store';
import type { BackendInfo } from '../../worker/protocol';
import { StartupProgress } from './StartupProgress';

/** The backends the status line names in a few words (model.json's backendWords.<name>); its name and the reasons are behind the disclosure. */
const NAMED_BACKENDS = new Set(['wasm', 'cpu', 'webgpu']);

/** The page as it is (model, image, language, views) with ?backend=webgpu added. */
function webgpuHref(): string {
  const url = new URL(window.location.href);
  url.searchParams.set('backend', 'webgpu');
  return `${url.search}${url.hash}`;
}

export function StatusBanner() {
  const t = useT('model');
  const backend = useApp((s) => s.backend);
  const backendError = useApp((s) => s.backendError);
  const deviceLost = useApp((s) => s.deviceLost);
  const restarted = useApp((s) => s.engineRestarted);
  return (
    <div className="status" aria-live="polite">
      <StartupProgress />
      {backendError && (
        <div className="banner banner-error" role="alert">
          {t('status.engineFailed', { reason: backendError })}
        </div>
      )}
      {backend?.webgpuUnavailable && (
        <div className="banner banner-warn" role="alert" data-testid="no-webgpu-banner">
          {t('status.noWebgpu', { reason: backend.webgpuUnavailable, backend: backend.backend.toUpperCase() })}
        </div>
      )}
      {deviceLost && (
        <div className="banner banner-warn" role="alert" data-testid="device-lost-banner">
          {t('status.deviceLost', { reason: deviceLost })}
        </div>
      )}
      {restarted && (
        <div className="banner banner-info" role="status" data-testid="engine-restarted">
          {restarted}{' '}
          <button type="button" onClick={() => dismissRestartNotice()} aria-label={t('status.dismissRestart')}>
            {t('status.ok')}
          </button>
        </div>
      )}
      {backend && <BackendLine backend={backend} />}
    </div>
  );
}

function BackendLine({ backend }: { backend: BackendInfo }) {
  const t = useT('model');
  return (
    <div className="backend" data-testid="backend">
      {t('backend.runningOn')} <strong>{NAMED_BACKENDS.has(backend.backend) ? t(`backendWords.${backend.backend}`) : backend.backend}</strong>
      {backend.cpuThreads && (
        <span data-testid="cpu-threads">
          {' '}
          · {t('backend.threads', { count: backend.cpuThreads.count })}
        </span>
      )}
      <details className="backend-details">
        <summary>{t('backend.details')}</summary>
        {t('backend.backend')} <strong>{backend.backend}</strong>
        {backend.adapter && t('backend.onAdapter', { adapter: backend.adapter })}
        {backend.softwareAdapter && (
          <span className="flag" title={t('backend.softwareTitle')} data-testid="software-adapter">
            {t('backend.software')}
          </span>
        )}
        {backend.cpuThreads && !backend.cpuThreads.crossOriginIsolated && ` · ${t('backend.notIsolated')}`}
        {backend.cpuPreferred && (
          <span data-testid="cpu-preferred">
            {' '}
            · {t('backend.cpuPreferred', { reason: backend.cpuPreferred })} (<a href={webgpuHref()}>{t('backend.useWebgpu')}</a>)
          </span>
        )}
      </details>
    </div>
  );
}
