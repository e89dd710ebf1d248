import { mountMacro } from '../../shared/mount-macro';
import { WeeklyReportMacro } from './weekly-report-macro';

mountMacro(<WeeklyReportMacro />);
