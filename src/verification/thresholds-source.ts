import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../shared/config';
import { packageRoot } from '../shared/package-root';
import { DEFAULT_THRESHOLDS } from './default-thresholds';
import type { Thresholds } from './thresholds';
import { loadThresholdsFile, parseThresholds } from './thresholds';
import type { VerificationSettings } from './verification-service';

/**
 * Where the thresholds come from, first match wins: HDC_THRESHOLDS_YAML (the text), the file in
 * HDC_THRESHOLDS_FILE, config/thresholds.yml beside the package, else the built-in defaults
 * (Forge bundles code, not config/).
 */
export function loadThresholds(source: AppConfig['thresholds'], root: string | undefined = safePackageRoot()): Thresholds {
  if (source.yaml !== undefined) return parseThresholds(source.yaml, 'HDC_THRESHOLDS_YAML');
  if (source.file !== undefined) return loadThresholdsFile(source.file);
  const bundled = root === undefined ? undefined : join(root, 'config', 'thresholds.yml');
  if (bundled !== undefined && existsSync(bundled)) return loadThresholdsFile(bundled);
  return DEFAULT_THRESHOLDS;
}

function safePackageRoot(): string | undefined {
  try {
    return packageRoot();
  } catch {
    return undefined;
  }
}

export function verificationSettingsOf(config: AppConfig): VerificationSettings & { parentPageId: string | undefined } {
  return {
    thresholds: loadThresholds(config.thresholds),
    canonicalEventQuery: config.canonicalEventQuery,
    environment: config.environment,
    parentPageId: config.parentPageId,
  };
}
