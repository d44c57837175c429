-- The database role of a `homeamp worker` (docs/scaling.md). Run it as the owner of the homeamp tables
-- (the role the manager's homeamp.yml names), in the homeamp database, AFTER the manager has run once
-- (that run creates the tables), e.g.:  psql -d homeamp -U homeamp -f worker-role.sql
-- Then give the role its password without putting it on a command line or in a shell history:
--   psql -d homeamp -U homeamp -c '\password homeamp_worker'
-- A worker never creates or migrates tables. It may read the job repository, update only the step
-- executions it runs, take partition requests from the queue, beat its heartbeat, and write what the
-- discovery and drift-scan partitions write (inventory, findings, problems), and run the deploy and
-- rollback partitions of its server (the instance's progress, rows and manifest; the staged jars the
-- manager shipped). Nothing else: no plans, new deployments, mails, update results or HTTP cache.
CREATE ROLE homeamp_worker LOGIN;

GRANT USAGE ON SCHEMA public TO homeamp_worker;

-- Spring Batch job repository: read everything, write the partition's own step execution and its context
GRANT SELECT ON batch_job_instance, batch_job_execution, batch_job_execution_params, batch_job_execution_context,
                batch_step_execution, batch_step_execution_context TO homeamp_worker;
GRANT UPDATE ON batch_step_execution TO homeamp_worker;
GRANT INSERT, UPDATE ON batch_step_execution_context TO homeamp_worker;

-- the partition request queue (Spring Integration's JDBC channel message store): taking a request is one
-- DELETE ... WHERE CTID = (SELECT ... FOR UPDATE SKIP LOCKED), and FOR UPDATE needs the UPDATE right
GRANT SELECT, UPDATE, DELETE ON int_channel_message TO homeamp_worker;

-- the heartbeat
GRANT SELECT, INSERT, UPDATE, DELETE ON worker_heartbeat TO homeamp_worker;

-- what the partitions read
GRANT SELECT ON discovery_target, discovery_work, drift_run, drift_target, drift_work TO homeamp_worker;

-- what the partitions write: the inventory (discovery), the findings (drift-scan), problems (both)
GRANT SELECT, INSERT, UPDATE ON plugin_jar TO homeamp_worker;
GRANT INSERT ON inventory_event TO homeamp_worker;
GRANT SELECT, INSERT ON drift_finding TO homeamp_worker;
GRANT SELECT, INSERT, DELETE ON problem TO homeamp_worker;
GRANT USAGE ON SEQUENCE inventory_event_id_seq, problem_id_seq TO homeamp_worker;

-- deploy and rollback partitions (D-W5): read the deployment, record each instance's progress, its rows'
-- results and its manifest of touched files; read the staged jars the manager shipped and the update
-- results that say which jar a plugin-update row installs; the worker's backup prune (D-W9) reads the
-- deployments and marks deployment_instance.backup_pruned of the backups in its own state dir
GRANT SELECT ON deployment TO homeamp_worker;
GRANT SELECT, UPDATE ON deployment_instance, deployment_row TO homeamp_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON deployment_file TO homeamp_worker;
GRANT SELECT ON deployment_jar, update_result TO homeamp_worker;
