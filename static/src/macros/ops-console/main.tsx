import { mountMacro } from '../../shared/mount-macro';
import { OpsConsolePage } from './ops-console-page';

mountMacro(<OpsConsolePage />);
