import { mountMacro } from '../../shared/mount-macro';
import { RegistryMacro } from './registry-macro';

mountMacro(<RegistryMacro />);
