import { mountMacro } from '../../shared/mount-macro';
import { OrphanCleanup } from '../../features/orphan-cleanup/orphan-cleanup';

mountMacro(<OrphanCleanup />);
