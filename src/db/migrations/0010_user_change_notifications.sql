-- Announces changed users to every API process (channel boxoffice_user_changed, payload: the user
-- id), whoever changes them: the app, a script or an operator in psql. Processes keep a user's
-- role, token version and email verification cached and drop the entry on this notification, so a
-- demotion, deletion or revocation holds everywhere within milliseconds, not at a cache expiry.
-- Only those columns notify (a login's password rehash does not): NOTIFY serialises commits.
CREATE FUNCTION boxoffice_notify_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('boxoffice_user_changed', OLD.id::text);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_changed_notify AFTER UPDATE ON users FOR EACH ROW
  WHEN (OLD.role IS DISTINCT FROM NEW.role
     OR OLD.token_version IS DISTINCT FROM NEW.token_version
     OR OLD.email_verified_at IS DISTINCT FROM NEW.email_verified_at)
  EXECUTE FUNCTION boxoffice_notify_user_changed();
--> statement-breakpoint
CREATE TRIGGER users_deleted_notify AFTER DELETE ON users FOR EACH ROW
  EXECUTE FUNCTION boxoffice_notify_user_changed();
