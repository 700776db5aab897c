// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Session - one logged-in connection: REST client, event socket and what the server offers.
#pragma once

#include "console/net/ApiClient.h"
#include "console/net/EventSocket.h"

#include <QSet>
#include <QString>

namespace steward::console::net {

/** Which REST routes the server has ("POST /api/v1/devices/{id}/commands"), from openapi.json. */
class Capabilities {
public:
    Capabilities() = default;
    static Capabilities fromOpenApi(const QJsonObject& document);
    [[nodiscard]] bool has(const QString& method, const QString& pattern) const
    {
        return m_routes.contains(method.toUpper() + QLatin1Char(' ') + pattern);
    }
    void add(const QString& method, const QString& pattern)
    {
        m_routes.insert(method.toUpper() + QLatin1Char(' ') + pattern);
    }

private:
    QSet<QString> m_routes;
};

/** Owned by the main window once the connect dialog succeeded. */
struct Session {
    QUrl server;
    QString user;
    bool superuser = false;
    QString serverVersion;
    Capabilities capabilities;
    ApiClient* api = nullptr;      // parented to the session owner
    EventSocket* events = nullptr; // live (greeted) when handed over
};

} // namespace steward::console::net
