// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FakeTransport - records the console's REST requests; the test answers them when it likes.
#pragma once

#include "common/core/Result.h"
#include "console/net/Transport.h"

#include <QPointer>

#include <deque>

namespace steward::test {

class FakeTransport : public console::net::Transport {
public:
    struct Pending {
        console::net::ApiRequest request;
        QPointer<const QObject> context;
        Callback callback;
    };

    void send(const console::net::ApiRequest& request, const QObject* context,
              Callback callback) override
    {
        pending.push_back({request, context, std::move(callback)});
        sent.push_back(request);
    }

    /** Answers the oldest pending request. */
    void answer(int status, const QJsonObject& body)
    {
        answerRaw(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    /** Answers the oldest pending request with \a raw bytes (JSON or not: PEM, PKCS#12…). */
    void answerRaw(int status, const QByteArray& raw)
    {
        const QJsonObject body = QJsonDocument::fromJson(raw).object();
        Pending next = std::move(pending.front());
        pending.pop_front();
        console::net::ApiReply reply;
        reply.status = status;
        reply.body = QJsonDocument::fromJson(raw);
        reply.raw = raw;
        if (status < 200 || status > 299) {
            reply.error = makeError(ErrorCode::Internal, body.value(QStringLiteral("error"))
                                                             .toObject()
                                                             .value(QStringLiteral("message"))
                                                             .toString());
        }
        if (next.context) {
            next.callback(reply);
        }
    }

    std::deque<Pending> pending;
    std::vector<console::net::ApiRequest> sent;
};

} // namespace steward::test
