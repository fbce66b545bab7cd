import { render } from 'preact';
import { App } from './app.js';
import './styles/base.css';
import './styles/shell.css';
import './styles/controls.css';
import './styles/content.css';
import './styles/panels.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
