// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Transport - the asynchronous REST seam between the console's models and the server.
#pragma once

#include "common/core/Error.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSslCertificate>
#include <QString>

#include <functional>
#include <optional>

namespace steward::console::net {

struct ApiRequest {
    QByteArray method = "GET";
    QString path; // "/api/v1/devices?offset=0&limit=100"
    std::optional<QJsonObject> body;
};

struct ApiReply {
    int status = 0; // HTTP status; 0 when no answer arrived
    QJsonDocument body;
    QByteArray raw; // the body as received, for answers that are not JSON (PEM, DER, PKCS#12)
    /** Set for anything but a 2xx: the server's {"error":{code,message}} or the network failure. */
    std::optional<Error> error;
    /** The certificate the server presented when the TLS pin refused it (unknown or changed). */
    QSslCertificate refusedCertificate;

    [[nodiscard]] bool ok() const { return !error.has_value(); }
    [[nodiscard]] QJsonObject object() const { return body.object(); }
};

/**
 * Sends REST requests without blocking: the callback runs later on the caller's thread, and
 * never after \a context is destroyed. ApiClient is the real one; tests use a fake.
 */
class Transport {
public:
    using Callback = std::function<void(const ApiReply&)>;
    virtual ~Transport() = default;
    virtual void send(const ApiRequest& request, const QObject* context, Callback callback) = 0;

    void get(const QString& path, const QObject* context, Callback callback)
    {
        send({"GET", path, std::nullopt}, context, std::move(callback));
    }
};

} // namespace steward::console::net
