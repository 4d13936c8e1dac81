-- expect-error: this build reads version
UPDATE meta SET value = '999' WHERE key = 'schema_version';
