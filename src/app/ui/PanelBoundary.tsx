// A panel that fails to draw says so in its place, and the rest of the page goes on (React unmounts the whole tree
// on an error no boundary catches). The next model or image gives the panel a fresh start.
import { Component, type ReactNode } from 'react';
import { errorText } from '../errorText';
import { tFor } from '../i18n/i18n';

interface Props {
  /** The panel as a sentence's subject, in the page's language ('The heat view'). */
  name: string;
  /** Changes when the panel should try again (the model and image ids). */
  resetKey: string;
  children: ReactNode;
}

export class PanelBoundary extends Component<Props, { error: unknown; key: string }> {
  override state = { error: null as unknown, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: unknown; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    const t = tFor('common');
    return (
      <section className="panel" role="alert" data-testid="panel-error">
        <p className="error">{t('panelFailed', { panel: this.props.name, error: errorText(this.state.error) })}</p>
      </section>
    );
  }
}
