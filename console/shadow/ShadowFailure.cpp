// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/shadow/ShadowFailure.h"

#include <QRegularExpression>

namespace steward::console::shadow {
namespace {

using steward::shadow::ShadowStatus;

QString describeRefusal(ShadowStatus status, const QString& device)
{
    switch (status) {
    case ShadowStatus::ConsentDenied:
        return QStringLiteral("The user of %1 refused the session.").arg(device);
    case ShadowStatus::ConsentTimedOut:
        return QStringLiteral("The user of %1 did not answer in time, so the session was not "
                              "started. Try again when someone is at the device.")
            .arg(device);
    case ShadowStatus::DisabledByPolicy:
        return QStringLiteral("The shadow policy of %1 does not allow this session.").arg(device);
    case ShadowStatus::VncUnavailable:
        return QStringLiteral("%1 has no screen to share: its agent's VNC server is not "
                              "running (no display?).")
            .arg(device);
    case ShadowStatus::ServerUnreachable:
        return QStringLiteral("%1 could not confirm the session with the server. Check that "
                              "the device is connected, then try again.")
            .arg(device);
    case ShadowStatus::Expired:
        return QStringLiteral("The session ticket expired before %1 received it. Try again.")
            .arg(device);
    default:
        return QStringLiteral("%1 refused the session ticket: %2.")
            .arg(device, steward::shadow::statusDescription(status));
    }
}

/** "missing right shadow on Devices/Lab" → "shadow"; empty when the message names none. */
QString missingRight(const QString& message)
{
    static const QRegularExpression pattern(QStringLiteral("missing right (\\S+)"));
    return pattern.match(message).captured(1);
}

QString describeRequest(const Error& error, const QString& device)
{
    switch (error.code) {
    case ErrorCode::Forbidden: {
        const QString right = missingRight(error.message);
        return right.isEmpty()
                   ? QStringLiteral("You are not permitted to shadow %1.").arg(device)
                   : QStringLiteral("You are not permitted to shadow %1: you lack the right "
                                    "\"%2\" on it. Ask an administrator who manages access "
                                    "control.")
                         .arg(device, right);
    }
    case ErrorCode::NotAuthorised:
        // The server answers NotAuthorised for a policy that forbids the session, and for an
        // administrator who is not a superuser on a server without access control.
        if (error.message.contains(QLatin1String("policy"))) {
            return QStringLiteral("The shadow policy of %1 does not allow shadowing it.")
                .arg(device);
        }
        return QStringLiteral("You are not permitted to shadow %1: only a superuser may.")
            .arg(device);
    case ErrorCode::Conflict:
        if (error.message.contains(QLatin1String("certificate"))) {
            return QStringLiteral("%1 is not ready for shadowing yet: its agent has not "
                                  "registered a shadow certificate.")
                .arg(device);
        }
        return QStringLiteral("%1 is offline. It must be switched on and connected to the "
                              "server to be shadowed.")
            .arg(device);
    case ErrorCode::NotFound:
        return QStringLiteral("%1 no longer exists on the server.").arg(device);
    case ErrorCode::Unauthenticated:
        return QStringLiteral("Your login has expired. Log in again.");
    case ErrorCode::ConnectionFailed:
    case ErrorCode::TlsHandshakeFailed:
    case ErrorCode::Timeout:
        return QStringLiteral("The server could not be reached to ask for a session.");
    default:
        return QStringLiteral("The server could not start a session to %1: %2")
            .arg(device, error.message);
    }
}

QString describeTunnel(const Error& error, const ShadowFailureContext& context)
{
    const QString& device = context.device;
    if (context.refusal) {
        return describeRefusal(*context.refusal, device);
    }
    switch (error.code) {
    case ErrorCode::PeerCertificateMismatch:
        return QStringLiteral("Certificate mismatch: %1 presented a certificate that is not the "
                              "one the server holds for it, so the connection was stopped "
                              "before anything was sent. Someone may be impersonating the "
                              "device, or its certificate was replaced; check the device.")
            .arg(device);
    case ErrorCode::InvalidCertificate:
        return QStringLiteral("The server holds no usable shadow certificate for %1.").arg(device);
    default:
        break;
    }
    if (context.relay) {
        return QStringLiteral("The relay through the server is unavailable for %1: %2")
            .arg(device, error.message);
    }
    return QStringLiteral("%1 cannot be reached directly: %2").arg(device, error.message);
}

} // namespace

QString describeShadowFailure(const Error& error, const ShadowFailureContext& context)
{
    switch (context.stage) {
    case ShadowStage::Request:
        return describeRequest(error, context.device);
    case ShadowStage::Tunnel:
        return describeTunnel(error, context);
    case ShadowStage::Running:
        return QStringLiteral("The session to %1 was lost: %2.")
            .arg(context.device,
                 error.message.isEmpty() ? QStringLiteral("the connection closed") : error.message);
    }
    return error.message;
}

QString externalViewerCommand(QString command, quint16 port)
{
    if (command.contains(QLatin1String("{port}"))) {
        return command.replace(QLatin1String("{port}"), QString::number(port));
    }
    return command + QStringLiteral(" 127.0.0.1::%1").arg(port);
}

} // namespace steward::console::shadow
