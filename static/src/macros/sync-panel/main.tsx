import { mountMacro } from '../../shared/mount-macro';
import { SyncPanelMacro } from './sync-panel-macro';

mountMacro(<SyncPanelMacro />);
