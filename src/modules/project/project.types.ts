import { connectionType } from '../../pagination/connection';
import { Project } from './project.entity';

export const ProjectConnection = connectionType(Project, 'ProjectConnection', 'A page of projects.');
