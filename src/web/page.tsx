/** The standalone page (app.html): the pane's app over chosen files, for PCs whose Excel cannot load add-ins. */
import { createRoot } from 'react-dom/client';
import { App } from '../taskpane/components/App';
import { Engine } from '../taskpane/engine/engine-client';

const el = document.getElementById('app');
if (el) createRoot(el).render(<App host={{ kind: 'page' }} engine={new Engine()} />);
