// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/WebCertificateModel.h"

#include <QDateTime>
#include <QFont>
#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace steward::console::models {
namespace {

const QString Base = QStringLiteral("/api/v1/web-certificates");

qint64 idOf(const QJsonObject& entry)
{
    return entry.value(QStringLiteral("id")).toInteger();
}

QStringList namesOf(const QJsonArray& devices)
{
    QStringList names;
    for (const auto& device : devices) {
        names.append(device.toObject().value(QStringLiteral("name")).toString());
    }
    return names;
}

} // namespace

QJsonObject WebCertificateRequest::toJson() const
{
    return {{QStringLiteral("alias"), alias},
            {QStringLiteral("hostNames"), QJsonArray::fromStringList(hostNames)},
            {QStringLiteral("keySpec"), keySpec},
            {QStringLiteral("validityDays"), validityDays}};
}

QString webHostNameProblem(const QString& name)
{
    if (name.isEmpty()) {
        return QObject::tr("a host name is empty");
    }
    if (QHostAddress address; address.setAddress(name)) {
        // QHostAddress also takes "10.1" or "167772161": only dotted quads count as IPv4.
        static const QRegularExpression dotted(QStringLiteral("^\\d{1,3}(\\.\\d{1,3}){3}$"));
        if (address.protocol() == QAbstractSocket::IPv6Protocol || dotted.match(name).hasMatch()) {
            return {};
        }
    }
    if (name.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return {};
    }
    if (name.contains(QLatin1Char('*'))) {
        return QObject::tr("\"%1\": wildcards are not allowed").arg(name);
    }
    static const QRegularExpression label(
        QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    const QStringList labels = name.split(QLatin1Char('.'));
    const bool labelsOk = std::all_of(labels.begin(), labels.end(), [](const QString& part) {
        return label.match(part).hasMatch();
    });
    if (!labelsOk || name.size() > 253) {
        return QObject::tr("\"%1\" is neither a host name nor an IP address").arg(name);
    }
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    if (labels.size() < 2 || digits.match(labels.last()).hasMatch()) {
        return QObject::tr("\"%1\" is not fully qualified: give the domain too (e.g. "
                           "%1.example.com) or an IP address")
            .arg(name);
    }
    return {};
}

WebCertificateModel::WebCertificateModel(net::Transport& transport, QObject* parent)
    : QAbstractTableModel(parent), m_transport(transport)
{
    qRegisterMetaType<ActionOutcome>();
}

void WebCertificateModel::reload()
{
    const quint64 generation = ++m_generation;
    m_transport.get(Base, this, [this, generation](const net::ApiReply& reply) {
        if (generation != m_generation) {
            return; // a newer reload runs
        }
        if (!reply.ok()) {
            Q_EMIT loadFailed(*reply.error);
            return;
        }
        beginResetModel();
        m_rows.clear();
        for (const auto& item : reply.object().value(QStringLiteral("items")).toArray()) {
            m_rows.push_back(item.toObject());
        }
        m_loaded = true;
        endResetModel();
    });
}

int WebCertificateModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebCertificateModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebCertificateModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QJsonObject& entry = m_rows.at(size_t(index.row()));
    const bool inUse = entry.value(QStringLiteral("inUse")).toBool();
    if (role == IdRole) {
        return idOf(entry);
    }
    if (role == Qt::FontRole && inUse) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole) {
        return tr("%1\nRoot: %2\nSHA-256: %3")
            .arg(entry.value(QStringLiteral("subject")).toString(),
                 entry.value(QStringLiteral("root")).toString(),
                 entry.value(QStringLiteral("sha256")).toString());
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(index.column())) {
    case Alias:
        return entry.value(QStringLiteral("alias")).toString();
    case Names: {
        QStringList names;
        for (const auto& name : entry.value(QStringLiteral("subjectAlternativeNames")).toArray()) {
            names.append(name.toString());
        }
        return names.join(QStringLiteral(", "));
    }
    case Issuer:
        return entry.value(QStringLiteral("issuer")).toString();
    case Expiry: {
        const QString iso = entry.value(QStringLiteral("notAfter")).toString();
        const QDateTime time = QDateTime::fromString(iso, Qt::ISODate);
        return time.isValid() ? time.toUTC().date().toString(Qt::ISODate) : iso;
    }
    case KeySpec:
        return entry.value(QStringLiteral("keySpec")).toString();
    case Signature:
        return entry.value(QStringLiteral("signatureAlgorithm")).toString();
    case InUse:
        return inUse ? tr("in use") : QString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant WebCertificateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    static const QStringList headers{tr("Alias"), tr("Names (SAN)"), tr("Issuer"), tr("Expires"),
                                     tr("Key"),   tr("Signature"),   tr("In use")};
    return headers.value(section);
}

int WebCertificateModel::rowOf(qint64 id) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [id](const QJsonObject& e) { return idOf(e) == id; });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

int WebCertificateModel::rowOf(const QString& alias) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const QJsonObject& e) {
        return e.value(QStringLiteral("alias")).toString() == alias;
    });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

QString WebCertificateModel::aliasOf(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? QStringLiteral("#%1").arg(id)
                   : m_rows[size_t(row)].value(QStringLiteral("alias")).toString();
}

void WebCertificateModel::call(const QByteArray& method, const QString& path,
                               const std::optional<QJsonObject>& body, const QString& what)
{
    m_transport.send({method, path, body}, this, [this, what](const net::ApiReply& reply) {
        Q_EMIT finished({what, reply.error ? reply.error->message : QString(), reply.status});
        reload(); // the server sends no events for web certificates
    });
}

void WebCertificateModel::create(const WebCertificateRequest& request)
{
    call("POST", Base, request.toJson(), tr("Create \"%1\"").arg(request.alias));
}

void WebCertificateModel::importPem(const QString& alias, const QByteArray& chain,
                                    const QByteArray& key, const QString& keyPassword)
{
    QJsonObject body{{QStringLiteral("alias"), alias},
                     {QStringLiteral("certificate"), QString::fromLatin1(chain)},
                     {QStringLiteral("privateKey"), QString::fromLatin1(key)}};
    if (!keyPassword.isEmpty()) {
        body.insert(QStringLiteral("keyPassword"), keyPassword);
    }
    call("POST", Base + QStringLiteral("/import"), body, tr("Import \"%1\"").arg(alias));
}

void WebCertificateModel::importPkcs12(const QString& alias, const QByteArray& data,
                                       const QString& password)
{
    call("POST", Base + QStringLiteral("/import"),
         QJsonObject{{QStringLiteral("alias"), alias},
                     {QStringLiteral("pkcs12"), QString::fromLatin1(data.toBase64())},
                     {QStringLiteral("password"), password}},
         tr("Import \"%1\"").arg(alias));
}

void WebCertificateModel::renew(qint64 id)
{
    call("POST", Base + QStringLiteral("/%1/renew").arg(id), QJsonObject{},
         tr("Renew \"%1\"").arg(aliasOf(id)));
}

void WebCertificateModel::distributeRoot(qint64 id)
{
    call("POST", Base + QStringLiteral("/%1/distribute-root").arg(id), QJsonObject{},
         tr("Send the root of \"%1\" to the devices").arg(aliasOf(id)));
}

void WebCertificateModel::assign(qint64 id, bool force)
{
    const QString what = tr("Assign \"%1\"").arg(aliasOf(id));
    m_transport.send(
        {"POST", Base + QStringLiteral("/%1/assign").arg(id),
         QJsonObject{{QStringLiteral("force"), force}}},
        this, [this, id, what, force](const net::ApiReply& reply) {
            const QJsonObject error = reply.object().value(QStringLiteral("error")).toObject();
            if (reply.status == 409 && !force
                && error.value(QStringLiteral("code")).toString()
                       == QLatin1String("devices_do_not_trust")) {
                Q_EMIT assignRefused(id, error.value(QStringLiteral("count")).toInteger(),
                                     namesOf(error.value(QStringLiteral("devices")).toArray()),
                                     reply.error->message);
            } else {
                Q_EMIT finished(
                    {what, reply.error ? reply.error->message : QString(), reply.status});
            }
            reload();
        });
}

void WebCertificateModel::remove(qint64 id)
{
    call("DELETE", Base + QStringLiteral("/%1").arg(id), std::nullopt,
         tr("Delete \"%1\"").arg(aliasOf(id)));
}

void WebCertificateModel::hostNames(Object done)
{
    m_transport.get(Base + QStringLiteral("/host-names"), this,
                    [done = std::move(done)](const net::ApiReply& reply) {
                        done(reply.object(), reply.error ? reply.error->message : QString());
                    });
}

void WebCertificateModel::affectedDevices(qint64 id, Object done)
{
    m_transport.get(Base + QStringLiteral("/%1/affected-devices").arg(id), this,
                    [done = std::move(done)](const net::ApiReply& reply) {
                        done(reply.object(), reply.error ? reply.error->message : QString());
                    });
}

QString affectedDevicesText(const QString& alias, const QJsonObject& affected)
{
    const qint64 count = affected.value(QStringLiteral("count")).toInteger();
    if (count == 0) {
        return QObject::tr("Every enrolled device trusts the root of \"%1\": assigning it cuts "
                           "no device off.")
            .arg(alias);
    }
    const QStringList names = namesOf(affected.value(QStringLiteral("devices")).toArray());
    QString text = QObject::tr("%1 enrolled device(s) do not trust the root of \"%2\" and would "
                               "be cut off if it were assigned:")
                       .arg(count)
                       .arg(alias);
    for (const QString& name : names) {
        text += QLatin1Char('\n') + name;
    }
    if (count > names.size()) {
        text += QObject::tr("\n… and %1 more").arg(count - names.size());
    }
    return text;
}

} // namespace steward::console::models
