// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/Migrations.h"

namespace steward::server::db {

// Append only. Never edit a released step; add a new one. Table and column names are spelled
// out in each step on purpose, so that later renames cannot change an old step's meaning.
// Times are UTC epoch seconds in BIGINT columns; flags are INTEGER 0/1 on both databases.
const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> steps{
        {1,
         "server core: administrators, sessions, audit log",
         {
             "CREATE TABLE admins (id {ID}, name TEXT NOT NULL UNIQUE,"
             " password_hash TEXT NOT NULL, superuser INTEGER NOT NULL DEFAULT 0,"
             " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
             " revision BIGINT NOT NULL DEFAULT 1, failed_logins INTEGER NOT NULL DEFAULT 0,"
             " locked_until BIGINT)",
             "CREATE TABLE sessions (id {ID}, token_hash TEXT NOT NULL UNIQUE,"
             " admin_id BIGINT NOT NULL REFERENCES admins(id) ON DELETE CASCADE,"
             " created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
             " peer TEXT NOT NULL DEFAULT '')",
             "CREATE INDEX sessions_admin ON sessions(admin_id)",
             "CREATE TABLE audit_log (id {ID}, at BIGINT NOT NULL, actor TEXT NOT NULL,"
             " action TEXT NOT NULL, object TEXT NOT NULL DEFAULT '',"
             " peer TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL,"
             " details TEXT NOT NULL DEFAULT '')",
             "CREATE INDEX audit_log_at ON audit_log(at)",
         }},
        {2,
         "devices: enrolment tokens and enrolled devices",
         {
             "CREATE TABLE enrollment_tokens (id {ID}, token_hash TEXT NOT NULL UNIQUE,"
             " created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT,"
             " folder TEXT NOT NULL DEFAULT '', created_by TEXT NOT NULL DEFAULT '')",
             "CREATE TABLE devices (id {ID}, name TEXT NOT NULL,"
             " unit_id TEXT NOT NULL DEFAULT '', hostname TEXT NOT NULL DEFAULT '',"
             " cert_fingerprint TEXT NOT NULL UNIQUE, cert_pem TEXT NOT NULL,"
             " enrolled_at BIGINT NOT NULL, last_contact_at BIGINT,"
             " last_ip TEXT NOT NULL DEFAULT '', released_at BIGINT,"
             " revision BIGINT NOT NULL DEFAULT 1, inventory TEXT NOT NULL DEFAULT '')",
             "CREATE INDEX devices_name ON devices(name)",
         }},
        {3,
         "devices: command queue, last boot and operating time",
         {
             "CREATE TABLE device_commands (id {ID},"
             " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
             " kind TEXT NOT NULL, args TEXT NOT NULL DEFAULT '{}', state TEXT NOT NULL,"
             " created_by TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,"
             " expires_at BIGINT NOT NULL, finished_at BIGINT,"
             " message TEXT NOT NULL DEFAULT '')",
             "CREATE INDEX device_commands_device ON device_commands(device_id, state)",
             "CREATE INDEX device_commands_expiry ON device_commands(state, expires_at)",
             "ALTER TABLE devices ADD COLUMN last_boot_at BIGINT",
             "ALTER TABLE devices ADD COLUMN online_since BIGINT",
             "ALTER TABLE devices ADD COLUMN operating_seconds BIGINT NOT NULL DEFAULT 0",
         }},
        {4,
         "device attributes: definitions and the devices' values",
         {
             "CREATE TABLE attribute_definitions (id {ID}, name TEXT NOT NULL UNIQUE,"
             " display_name TEXT NOT NULL DEFAULT '', type TEXT NOT NULL,"
             " overwrite_rule TEXT NOT NULL, allowed_values TEXT NOT NULL DEFAULT '[]',"
             " position BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL)",
             "CREATE TABLE device_attributes ("
             " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
             " attribute_id BIGINT NOT NULL REFERENCES attribute_definitions(id)"
             " ON DELETE CASCADE, value TEXT NOT NULL, set_by TEXT NOT NULL,"
             " updated_at BIGINT NOT NULL, PRIMARY KEY (device_id, attribute_id))",
             "CREATE INDEX device_attributes_attribute ON device_attributes(attribute_id)",
         }},
        {5,
         "shadowing: device shadow certificates and policies, one-time shadow sessions",
         {
             "CREATE TABLE device_shadow (device_id BIGINT PRIMARY KEY"
             " REFERENCES devices(id) ON DELETE CASCADE, cert_pem TEXT NOT NULL DEFAULT '',"
             " cert_fingerprint TEXT NOT NULL DEFAULT '', port INTEGER NOT NULL DEFAULT 5900,"
             " uploaded_at BIGINT, policy TEXT NOT NULL DEFAULT '')",
             // id is the usual identity (backups and copies rely on it); session is the UUID.
             "CREATE TABLE shadow_sessions (id {ID}, session TEXT NOT NULL UNIQUE,"
             " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
             " admin TEXT NOT NULL, path TEXT NOT NULL, nonce TEXT NOT NULL,"
             " created BIGINT NOT NULL, expires BIGINT NOT NULL,"
             " state TEXT NOT NULL DEFAULT 'pending', started BIGINT, ended BIGINT,"
             " bytes_in BIGINT NOT NULL DEFAULT 0, bytes_out BIGINT NOT NULL DEFAULT 0,"
             " peer TEXT NOT NULL DEFAULT '')",
             "CREATE INDEX shadow_sessions_device ON shadow_sessions(device_id)",
         }},
        {6,
         "folders: the device tree",
         {
             // The parent reference is deferred so that a copy or restore can insert folders
             // in id order even when a folder was moved under one created after it.
             "CREATE TABLE folders (id {ID}, name TEXT NOT NULL,"
             " parent_id BIGINT REFERENCES folders(id) DEFERRABLE INITIALLY DEFERRED,"
             " created_at BIGINT NOT NULL)",
             "CREATE UNIQUE INDEX folders_sibling_name ON folders(COALESCE(parent_id, 0), name)",
             "CREATE INDEX folders_parent ON folders(parent_id)",
             "ALTER TABLE devices ADD COLUMN folder_id BIGINT REFERENCES folders(id)"
             " ON DELETE SET NULL",
             "CREATE INDEX devices_folder ON devices(folder_id)",
             "ALTER TABLE enrollment_tokens ADD COLUMN folder_id BIGINT REFERENCES folders(id)"
             " ON DELETE SET NULL",
         }},
        {7,
         "access control: groups, memberships and permission entries",
         {
             "CREATE TABLE groups (id {ID}, name TEXT NOT NULL UNIQUE,"
             " description TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL, revision BIGINT NOT NULL DEFAULT 1)",
             "CREATE TABLE group_members ("
             " group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,"
             " admin_id BIGINT NOT NULL REFERENCES admins(id) ON DELETE CASCADE,"
             " PRIMARY KEY (group_id, admin_id))",
             "CREATE INDEX group_members_admin ON group_members(admin_id)",
             // principal_kind is 'admin' or 'group'; node_kind and node_id name any tree node
             // ('root', 'folder', 'device', ...), so new node kinds need no schema change.
             "CREATE TABLE permissions (id {ID}, principal_kind TEXT NOT NULL,"
             " principal_id BIGINT NOT NULL, node_kind TEXT NOT NULL, node_id BIGINT NOT NULL,"
             " right_name TEXT NOT NULL, effect TEXT NOT NULL,"
             " UNIQUE (node_kind, node_id, principal_kind, principal_id, right_name))",
             "CREATE INDEX permissions_principal ON permissions(principal_kind, principal_id)",
         }},
        {9,
         "profiles: parameter values, assignments and local device values",
         {
             "CREATE TABLE profiles (id {ID}, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
             " description TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL, revision BIGINT NOT NULL DEFAULT 1)",
             // Values are compact JSON, checked against the parameter registry on the way in.
             "CREATE TABLE profile_values (profile_id BIGINT NOT NULL REFERENCES profiles(id)"
             " ON DELETE CASCADE, parameter TEXT NOT NULL, value TEXT NOT NULL,"
             " PRIMARY KEY (profile_id, parameter))",
             // Exactly one target per row; deleting the profile, device or folder removes it.
             "CREATE TABLE profile_assignments (id {ID}, profile_id BIGINT NOT NULL"
             " REFERENCES profiles(id) ON DELETE CASCADE,"
             " device_id BIGINT REFERENCES devices(id) ON DELETE CASCADE,"
             " folder_id BIGINT REFERENCES folders(id) ON DELETE CASCADE,"
             " created_at BIGINT NOT NULL,"
             " CHECK ((device_id IS NULL) <> (folder_id IS NULL)))",
             "CREATE UNIQUE INDEX profile_assignments_device ON profile_assignments(profile_id,"
             " device_id)",
             "CREATE UNIQUE INDEX profile_assignments_folder ON profile_assignments(profile_id,"
             " folder_id)",
             "CREATE INDEX profile_assignments_by_device ON profile_assignments(device_id)",
             "CREATE INDEX profile_assignments_by_folder ON profile_assignments(folder_id)",
             "CREATE TABLE device_local_values (device_id BIGINT NOT NULL REFERENCES devices(id)"
             " ON DELETE CASCADE, parameter TEXT NOT NULL, value TEXT NOT NULL,"
             " updated_at BIGINT NOT NULL, PRIMARY KEY (device_id, parameter))",
         }},
        {10,
         "versioned push: each device's desired and applied configuration",
         {
             // One row per device once its configuration was computed. desired_version is the
             // SHA-256 of desired_values (compact JSON); revision counts real changes only.
             // state is 'pending', 'applied' or 'failed'; failures is a JSON object
             // (parameter → text) and not_applied a JSON array of parameters.
             "CREATE TABLE device_config (device_id BIGINT PRIMARY KEY REFERENCES devices(id)"
             " ON DELETE CASCADE, revision BIGINT NOT NULL, desired_version TEXT NOT NULL,"
             " desired_values TEXT NOT NULL, changed_at BIGINT NOT NULL,"
             " push_mode TEXT NOT NULL, delivered_version TEXT NOT NULL DEFAULT '',"
             " delivered_at BIGINT, applied_version TEXT NOT NULL DEFAULT '',"
             " reported_at BIGINT, state TEXT NOT NULL, failures TEXT NOT NULL DEFAULT '{}',"
             " not_applied TEXT NOT NULL DEFAULT '[]',"
             " reboot_required INTEGER NOT NULL DEFAULT 0)",
             "CREATE INDEX device_config_state ON device_config(state)",
         }},
        {11,
         "zero-touch: ordered default directory rules that place enrolling devices",
         {
             // match_kind is 'hostname' (glob), 'ip' (CIDR), or 'attribute' (attribute = the
             // attribute's name, pattern a glob of its value); position orders the rules.
             "CREATE TABLE folder_rules (id {ID}, position BIGINT NOT NULL,"
             " name TEXT NOT NULL DEFAULT '', match_kind TEXT NOT NULL,"
             " attribute TEXT NOT NULL DEFAULT '', pattern TEXT NOT NULL,"
             " folder_id BIGINT NOT NULL REFERENCES folders(id) ON DELETE CASCADE,"
             " override_membership INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL)",
             "CREATE INDEX folder_rules_position ON folder_rules(position)",
         }},
        {12,
         "statistics: device counts over time for the dashboard",
         {
             "CREATE TABLE device_counts (at BIGINT PRIMARY KEY, total BIGINT NOT NULL,"
             " online BIGINT NOT NULL)",
         }},
        {14,
         "certificates: the store of device-communication certificates",
         {
             // position orders the list (lowest first: the top active row is the default).
             // key_file names the private key's file in <data-dir>/pki (mode 0600); the key
             // itself is never in the database. Empty: the private key is not known.
             "CREATE TABLE device_certificates (id {ID}, alias TEXT NOT NULL UNIQUE,"
             " position BIGINT NOT NULL, active INTEGER NOT NULL DEFAULT 1,"
             " key_spec TEXT NOT NULL, signature_algorithm TEXT NOT NULL,"
             " fingerprint TEXT NOT NULL UNIQUE, cert_pem TEXT NOT NULL,"
             " key_file TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,"
             " created_by TEXT NOT NULL DEFAULT '')",
             "CREATE INDEX device_certificates_position ON device_certificates(position)",
             // The certificate a device pins; null when it is not known (set at start-up for
             // the devices enrolled before the store existed: they all use tckey).
             "ALTER TABLE devices ADD COLUMN certificate_id BIGINT"
             " REFERENCES device_certificates(id) ON DELETE SET NULL",
             "CREATE INDEX devices_certificate ON devices(certificate_id)",
         }},
        {15,
         "certificates: what each device supports, and the rollover in flight",
         {
             // The agent's certificateSupport as compact JSON; empty: it sent none (legacy).
             "ALTER TABLE devices ADD COLUMN certificate_support TEXT NOT NULL DEFAULT ''",
             // The certificate a certificate.rollover offered and not yet confirmed; null when
             // none is in flight.
             "ALTER TABLE devices ADD COLUMN certificate_pending_id BIGINT"
             " REFERENCES device_certificates(id) ON DELETE SET NULL",
         }},
        {16,
         "recycle bin: deleted devices keep their data until they are purged",
         {
             // deleted_at is set while the device is in the recycle bin; deleted_by names the
             // administrator. A purge deletes the row; every dependent table cascades.
             "ALTER TABLE devices ADD COLUMN deleted_at BIGINT",
             "ALTER TABLE devices ADD COLUMN deleted_by TEXT NOT NULL DEFAULT ''",
             "CREATE INDEX devices_deleted ON devices(deleted_at)",
         }},
        {17,
         "views: saved dynamic device selections as profile assignment targets",
         {
             // filter is compact JSON ({"all":[condition…]}, docs/views.md), checked by
             // ViewService on the way in; membership is computed, never stored.
             "CREATE TABLE views (id {ID}, name TEXT NOT NULL UNIQUE,"
             " description TEXT NOT NULL DEFAULT '', filter TEXT NOT NULL,"
             " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
             " revision BIGINT NOT NULL DEFAULT 1)",
             // Like profile_assignments: one row per profile and view; deleting either removes it.
             "CREATE TABLE profile_view_assignments (id {ID}, profile_id BIGINT NOT NULL"
             " REFERENCES profiles(id) ON DELETE CASCADE, view_id BIGINT NOT NULL"
             " REFERENCES views(id) ON DELETE CASCADE, created_at BIGINT NOT NULL,"
             " UNIQUE (profile_id, view_id))",
             "CREATE INDEX profile_view_assignments_view ON profile_view_assignments(view_id)",
         }},
        {18,
         "files: the server's file store (wallpapers) that devices download",
         {
             // name follows desktop.wallpaper's pattern; sha256 is lowercase hex of content.
             "CREATE TABLE files (id {ID}, name TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,"
             " size BIGINT NOT NULL, content {BLOB} NOT NULL, created_at BIGINT NOT NULL,"
             " created_by TEXT NOT NULL DEFAULT '')",
         }},
        {19,
         "web certificates: the certificates the web listener (port 8443) may present",
         {
             // cert_pem is the leaf followed by its chain up to the root; key_file names the
             // private key's file in <data-dir>/pki (mode 0600), never the key itself. Exactly
             // one row is in_use: the certificate the listener presents.
             "CREATE TABLE web_certificates (id {ID}, alias TEXT NOT NULL UNIQUE,"
             " in_use INTEGER NOT NULL DEFAULT 0, origin TEXT NOT NULL,"
             " key_spec TEXT NOT NULL, signature_algorithm TEXT NOT NULL,"
             " fingerprint TEXT NOT NULL UNIQUE, cert_pem TEXT NOT NULL,"
             " key_file TEXT NOT NULL, created_at BIGINT NOT NULL,"
             " created_by TEXT NOT NULL DEFAULT '')",
         }},
        {20,
         "CA rollover: the roots each device trusts, and its renewed client certificate",
         {
             // One row per root (SHA-256 of the DER, lower-case hex) a device confirmed it
             // trusts (trust.confirm); a device without rows trusts the root it enrolled under.
             "CREATE TABLE device_trusted_roots (device_id BIGINT NOT NULL REFERENCES devices(id)"
             " ON DELETE CASCADE, fingerprint TEXT NOT NULL, confirmed_at BIGINT NOT NULL,"
             " PRIMARY KEY (device_id, fingerprint))",
             "CREATE INDEX device_trusted_roots_fingerprint ON device_trusted_roots(fingerprint)",
             // A client certificate issued from the renewed device CA, not presented yet: the
             // device becomes it at its first connection with it (client.certificate).
             "ALTER TABLE devices ADD COLUMN next_cert_fingerprint TEXT",
             "ALTER TABLE devices ADD COLUMN next_cert_pem TEXT NOT NULL DEFAULT ''",
         }},
        {21,
         "jobs: a device command run on many devices, now or at a scheduled time",
         {
             // target is the compact JSON the job was created with; the devices it resolved to
             // (and whose Commands right was checked) are the job_devices rows.
             "CREATE TABLE jobs (id {ID}, name TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL,"
             " args TEXT NOT NULL DEFAULT '{}', target TEXT NOT NULL, run_at BIGINT NOT NULL,"
             " ttl BIGINT NOT NULL, state TEXT NOT NULL, created_by TEXT NOT NULL DEFAULT '',"
             " created_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT)",
             "CREATE INDEX jobs_state ON jobs(state, run_at)",
             "CREATE TABLE job_devices (id {ID}, job_id BIGINT NOT NULL"
             " REFERENCES jobs(id) ON DELETE CASCADE, device_id BIGINT NOT NULL"
             " REFERENCES devices(id) ON DELETE CASCADE, device_name TEXT NOT NULL DEFAULT '',"
             " state TEXT NOT NULL, command_id BIGINT"
             " REFERENCES device_commands(id) ON DELETE SET NULL,"
             " message TEXT NOT NULL DEFAULT '', updated_at BIGINT NOT NULL,"
             " UNIQUE (job_id, device_id))",
             "CREATE INDEX job_devices_state ON job_devices(job_id, state)",
             "CREATE INDEX job_devices_command ON job_devices(command_id)",
         }},
    };
    return steps;
}

QString dialectSql(DatabaseKind kind, const char* statement)
{
    QString sql = QString::fromUtf8(statement);
    if (kind == DatabaseKind::Sqlite) {
        sql.replace(QStringLiteral("{ID}"), QStringLiteral("INTEGER PRIMARY KEY"));
        sql.replace(QStringLiteral("{BLOB}"), QStringLiteral("BLOB"));
    } else {
        sql.replace(QStringLiteral("{ID}"),
                    QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
        sql.replace(QStringLiteral("{BLOB}"), QStringLiteral("BYTEA"));
    }
    return sql;
}

} // namespace steward::server::db
