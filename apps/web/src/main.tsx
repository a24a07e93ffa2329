import { render } from 'preact';
import { App } from './app';
import { loadMe } from './session';
import './styles.css';

void loadMe();
// The served page already shows the way to help; the app takes its place in one go.
const root = document.getElementById('app')!;
root.replaceChildren();
render(<App />, root);

// The service worker keeps the shell and the help page on this device (help opens offline). It is
// registered once the page has loaded, so it never competes with the first load on a slow line.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the board still works; only offline help and alerts need it.
    });
  });
}
