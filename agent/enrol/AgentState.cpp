// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/enrol/AgentState.h"

#include "common/protocol/JsonReader.h"
#include "common/protocol/StrictJson.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace steward::agent {
namespace {

const QStringList LayoutFiles{QStringLiteral("agent.json"),     QStringLiteral("client.crt"),
                              QStringLiteral("client.key"),     QStringLiteral("device-ca.crt"),
                              QStringLiteral("server-web.crt"), QStringLiteral("server-ca.crt"),
                              QStringLiteral("tckey.crt"),      QStringLiteral("attributes.json"),
                              QStringLiteral("shadow.key"),     QStringLiteral("shadow.crt"),
                              QStringLiteral("trust.json"),     QStringLiteral("client.next.key"),
                              QStringLiteral("client.next.crt")};

// A renewed client certificate stored next to its key and not yet moved over client.crt and
// client.key (the agent stopped in between): finish the move, so key and certificate match.
Result<void> moveRenewedClient(const QDir& dir)
{
    const QString nextCrt = dir.filePath(QStringLiteral("client.next.crt"));
    const QString nextKey = dir.filePath(QStringLiteral("client.next.key"));
    if (!QFile::exists(nextCrt)) {
        return {};
    }
    if (QFile::exists(nextKey)) {
        if (!tls::loadIdentity(nextCrt, nextKey)) {
            QFile::remove(nextCrt); // not a pair: the current files stay in use
            return {};
        }
        QFile::remove(dir.filePath(QStringLiteral("client.key")));
        if (!QFile::rename(nextKey, dir.filePath(QStringLiteral("client.key")))) {
            return makeError(ErrorCode::IoError, QStringLiteral("cannot rename %1").arg(nextKey));
        }
    }
    QFile::remove(dir.filePath(QStringLiteral("client.crt")));
    if (!QFile::rename(nextCrt, dir.filePath(QStringLiteral("client.crt")))) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot rename %1").arg(nextCrt));
    }
    return {};
}

Result<void> writeFile(const QString& path, const QByteArray& data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    return {};
}

Result<QSslCertificate> readCertificate(const QString& path)
{
    auto certificates = tls::loadCertificates(path);
    if (!certificates) {
        return certificates.error();
    }
    return certificates->first();
}

QByteArray rootsPem(const AgentState& state)
{
    QByteArray pem;
    for (const auto& root : state.trustAnchors()) {
        pem += root.toPem();
    }
    return pem;
}

} // namespace

QString StateDirectory::filePath(const QString& name) const
{
    return QDir(m_path).filePath(name);
}

bool StateDirectory::isEnrolled() const
{
    return QFile::exists(filePath(QStringLiteral("client.crt")))
           || QFile::exists(filePath(QStringLiteral("agent.json")));
}

Result<void> StateDirectory::prepare() const
{
    if (m_path.isEmpty()) {
        return makeError(ErrorCode::InvalidConfig, QStringLiteral("--state-dir is required"));
    }
    if (!QDir().mkpath(m_path)) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot create the state directory %1").arg(m_path));
    }
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return {};
}

Result<AgentState> StateDirectory::load() const
{
    if (!isEnrolled()) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("%1 holds no enrolment; run steward-agent enroll first").arg(m_path));
    }
    QFile file(filePath(QStringLiteral("agent.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
    }
    auto json = protocol::parseStrictJsonObject(file.read(64 * 1024));
    if (!json) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("%1: %2").arg(file.fileName(), json.error().message));
    }
    protocol::JsonReader reader(*json);
    AgentState state;
    state.server = QUrl(reader.requireString(u"server", protocol::JsonReader::Text::NonEmpty));
    state.deviceId = reader.requireInt(u"deviceId", 1, std::numeric_limits<qint64>::max());
    state.name = reader.requireString(u"name");
    if (!reader.ok()) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("%1: %2").arg(file.fileName(), reader.error()->message));
    }
    const auto load = [this](const QString& name, QSslCertificate& into) -> Result<void> {
        auto certificate = readCertificate(filePath(name));
        if (!certificate) {
            return certificate.error();
        }
        into = *certificate;
        return {};
    };
    for (const auto& [name, into] :
         {std::pair<QString, QSslCertificate*>{QStringLiteral("server-web.crt"), &state.serverWeb},
          {QStringLiteral("server-ca.crt"), &state.serverCa},
          {QStringLiteral("device-ca.crt"), &state.deviceCa},
          {QStringLiteral("tckey.crt"), &state.deviceCommunication}}) {
        if (auto loaded = load(name, *into); !loaded) {
            return loaded.error();
        }
    }
    if (auto roots = tls::loadCertificates(filePath(QStringLiteral("server-ca.crt"))); roots) {
        state.serverRoots = *roots;
    }
    if (auto finished = finishClientRenewal(); !finished) {
        return finished.error();
    }
    auto client = tls::loadIdentity(filePath(QStringLiteral("client.crt")),
                                    filePath(QStringLiteral("client.key")));
    if (!client) {
        return client.error();
    }
    state.client = *client;
    return state;
}

Result<void> StateDirectory::save(const AgentState& state) const
{
    const QJsonObject json{{QStringLiteral("server"), state.server.toString()},
                           {QStringLiteral("deviceId"), state.deviceId},
                           {QStringLiteral("name"), state.name}};
    const std::pair<QString, QByteArray> files[] = {
        {QStringLiteral("client.crt"), state.client.certificate.toPem()},
        {QStringLiteral("device-ca.crt"), state.deviceCa.toPem()},
        {QStringLiteral("server-web.crt"), state.serverWeb.toPem()},
        {QStringLiteral("server-ca.crt"), rootsPem(state)},
        {QStringLiteral("tckey.crt"), state.deviceCommunication.toPem()},
        // Last: its presence marks a complete enrolment.
        {QStringLiteral("agent.json"), QJsonDocument(json).toJson()},
    };
    for (const auto& [name, data] : files) {
        if (auto written = writeFile(filePath(name), data); !written) {
            return written;
        }
    }
    return {};
}

Result<void> StateDirectory::finishClientRenewal() const
{
    return moveRenewedClient(QDir(m_path));
}

Result<void> StateDirectory::writeAtomically(const QString& name, const QByteArray& data) const
{
    return writeFile(filePath(name), data);
}

Result<void> StateDirectory::release() const
{
    for (const auto& name : LayoutFiles) {
        const QString path = filePath(name);
        if (QFile::exists(path) && !QFile::remove(path)) {
            return makeError(ErrorCode::IoError, QStringLiteral("cannot remove %1").arg(path));
        }
    }
    return {};
}

} // namespace steward::agent
