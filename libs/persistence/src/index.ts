export { createDataSource, runMigrations, entities, migrations } from './data-source';
export { ProbeRunEntity } from './entities/probe-run.entity';
