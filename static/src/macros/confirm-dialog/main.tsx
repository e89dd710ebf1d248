import './confirm-dialog.css';
import { mountMacro } from '../../shared/mount-macro';
import { ConfirmDialogResource } from './confirm-dialog-resource';

mountMacro(<ConfirmDialogResource />);
