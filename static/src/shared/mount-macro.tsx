import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './macro.css';

export function mountMacro(app: ReactNode): void {
  const container = document.getElementById('root');
  if (container === null) throw new Error('The macro page has no #root element');
  createRoot(container).render(<StrictMode>{app}</StrictMode>);
}
