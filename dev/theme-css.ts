import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];

/** The attribute Confluence sets on a themed page: the themes whose tokens apply. */
export const DATA_THEME = 'dark:dark light:light spacing:spacing typography:typography shape:shape';

/** Atlassian's own token stylesheets (light, dark, spacing, typography, shape) from @atlaskit/tokens. */
export async function loadTokenCss(): Promise<string> {
  const themesDir = join(require.resolve('@atlaskit/tokens/package.json'), '..', 'dist', 'esm', 'artifacts', 'themes');
  const sheets = await Promise.all(
    THEMES.map(async (theme) => {
      const module = (await import(pathToFileURL(join(themesDir, `${theme}.js`)).href)) as { default: string };
      return module.default;
    }),
  );
  return sheets.join('\n');
}
