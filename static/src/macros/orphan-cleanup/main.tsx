import { mountMacro } from '../../shared/mount-macro';
import { OrphanCleanupMacro } from './orphan-cleanup-macro';

mountMacro(<OrphanCleanupMacro />);
