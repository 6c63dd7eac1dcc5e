/**
 * Placeholder for the task pane until the React pane replaces it: it only proves the bundle loads.
 */
const app = document.getElementById('app');
if (app) app.textContent = 'Phuluc — đang tải…';

export {};
