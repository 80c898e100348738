import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startLanguage } from './actions';
import { registerServiceWorker } from './features/offline/serviceWorker';
import './styles.css';

// Before the first render: the page paints in its language from the start.
startLanguage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

registerServiceWorker();
