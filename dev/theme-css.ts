import { createRequire } from 'node:module';
import { join } from 'node:path';

const THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];

/** The attribute Confluence sets on a themed page: the themes whose tokens apply. */
export const DATA_THEME = 'dark:dark light:light spacing:spacing typography:typography shape:shape';

/** Atlassian's own token stylesheets (light, dark, spacing, typography, shape) from @atlaskit/tokens. */
export function loadTokenCss(): string {
  // The package's exports map does not list its CommonJS theme artifacts, so they are loaded by path.
  const load = createRequire(__filename);
  const themesDir = join(load.resolve('@atlaskit/tokens/package.json'), '..', 'dist', 'cjs', 'artifacts', 'themes');
  return THEMES.map((theme) => (load(join(themesDir, `${theme}.js`)) as { default: string }).default).join('\n');
}
