import { mountMacro } from '../../shared/mount-macro';
import { SyncBylinePopup } from './sync-byline-popup';

mountMacro(<SyncBylinePopup />);
