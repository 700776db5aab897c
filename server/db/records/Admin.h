// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Admin - one administrator account as stored.
#pragma once

#include <QString>
#include <optional>
#include <vector>

namespace steward::server::db {

struct Admin {
    qint64 id = 0;
    QString name;
    QString passwordHash; // self-describing slow hash; never the password
    bool superuser = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 revision = 1; // optimistic concurrency: every change increments it
    int failedLogins = 0;
    std::optional<qint64> lockedUntil;
};

struct Session {
    qint64 id = 0;
    qint64 adminId = 0;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
    QString peer;
};

struct AuditEntry {
    qint64 id = 0;
    qint64 at = 0;   // UTC epoch seconds
    QString actor;   // administrator name, "device:<id>", or "system"
    QString action;  // dotted, e.g. "login", "admin.create", "backup.restore"
    QString object;  // what it acted on, e.g. "admin:3"
    QString peer;    // address the request came from
    QString outcome; // "ok", "denied", "failed"
    QString details; // free text; never a secret
};

struct AuditFilter {
    std::optional<QString> actor;
    std::optional<QString> action;
    std::optional<QString> outcome;
    std::optional<qint64> from;    // inclusive
    std::optional<qint64> to;      // exclusive
    std::optional<QString> object; // e.g. "device:7"
};

template <typename T> struct Page {
    std::vector<T> items;
    qint64 total = 0;
};

} // namespace steward::server::db
