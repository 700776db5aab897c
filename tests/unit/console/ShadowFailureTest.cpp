// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/shadow/ShadowFailure.h"
#include "tests/support/CatchQt.h"

using namespace steward;
using namespace steward::console::shadow;
using steward::shadow::ShadowStatus;

namespace {

QString request(ErrorCode code, const QString& message)
{
    return describeShadowFailure(
        Error{code, message}, {ShadowStage::Request, QStringLiteral("pc-7"), false, std::nullopt});
}

QString refused(ShadowStatus status)
{
    return describeShadowFailure(Error{ErrorCode::NotAuthorised, QStringLiteral("raw")},
                                 {ShadowStage::Tunnel, QStringLiteral("pc-7"), false, status});
}

} // namespace

TEST_CASE("shadow failures are sentences chosen by code and status, not the raw server text")
{
    CHECK(request(ErrorCode::Forbidden, QStringLiteral("missing right Shadow on /Devices/Lab"))
          == QStringLiteral("You are not permitted to shadow pc-7: you lack the right \"Shadow\" "
                            "on it. Ask an administrator who manages access control."));
    CHECK(request(ErrorCode::Forbidden, QStringLiteral("no"))
              .contains(QStringLiteral("not permitted")));
    CHECK(request(ErrorCode::NotAuthorised,
                  QStringLiteral("device pc-7's shadow policy does not allow shadowing"))
          == QStringLiteral("The shadow policy of pc-7 does not allow shadowing it."));
    CHECK(request(ErrorCode::Conflict, QStringLiteral("device pc-7 is offline"))
              .startsWith(QStringLiteral("pc-7 is offline.")));
    CHECK(request(ErrorCode::Conflict, QStringLiteral("no shadow certificate yet"))
              .contains(QStringLiteral("not ready for shadowing")));
    CHECK(request(ErrorCode::NotFound, {})
          == QStringLiteral("pc-7 no longer exists on the server."));
    CHECK(request(ErrorCode::Unauthenticated, {}).contains(QStringLiteral("Log in again")));

    CHECK(refused(ShadowStatus::ConsentDenied)
          == QStringLiteral("The user of pc-7 refused the session."));
    CHECK(refused(ShadowStatus::ConsentTimedOut)
              .startsWith(QStringLiteral("The user of pc-7 did not answer in time")));
    CHECK(refused(ShadowStatus::DisabledByPolicy).contains(QStringLiteral("policy")));
    CHECK(refused(ShadowStatus::AlreadyUsed).contains(QStringLiteral("already used")));
    CHECK_FALSE(refused(ShadowStatus::ConsentDenied).contains(QStringLiteral("raw")));

    const Error mismatch{ErrorCode::PeerCertificateMismatch, QStringLiteral("raw")};
    CHECK(describeShadowFailure(mismatch,
                                {ShadowStage::Tunnel, QStringLiteral("pc-7"), false, std::nullopt})
              .startsWith(QStringLiteral("Certificate mismatch: pc-7 presented")));
    const Error closed{ErrorCode::ConnectionFailed,
                       QStringLiteral("the server refused the tunnel")};
    CHECK(describeShadowFailure(closed,
                                {ShadowStage::Tunnel, QStringLiteral("pc-7"), true, std::nullopt})
              .startsWith(QStringLiteral("The relay through the server is unavailable for pc-7")));
    CHECK(describeShadowFailure(closed,
                                {ShadowStage::Tunnel, QStringLiteral("pc-7"), false, std::nullopt})
              .startsWith(QStringLiteral("pc-7 cannot be reached directly")));
    CHECK(describeShadowFailure(Error{ErrorCode::ConnectionClosed, {}},
                                {ShadowStage::Running, QStringLiteral("pc-7"), false, std::nullopt})
          == QStringLiteral("The session to pc-7 was lost: the connection closed."));
}

TEST_CASE("the external viewer command gets the port in place of {port}, or appended")
{
    CHECK(externalViewerCommand(QStringLiteral("vncviewer 127.0.0.1::{port} -Shared"), 5999)
          == QStringLiteral("vncviewer 127.0.0.1::5999 -Shared"));
    CHECK(externalViewerCommand(QStringLiteral("xtigervncviewer"), 6001)
          == QStringLiteral("xtigervncviewer 127.0.0.1::6001"));
}
