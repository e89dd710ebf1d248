import { mountMacro } from '../../shared/mount-macro';
import { DecisionTreeMacro } from './decision-tree-macro';

mountMacro(<DecisionTreeMacro />);
