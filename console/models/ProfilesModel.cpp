// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/ProfilesModel.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace steward::console::models {
namespace {

QString nameOf(const QJsonObject& profile)
{
    return profile.value(QStringLiteral("name")).toString();
}

qint64 idOf(const QJsonObject& profile)
{
    return profile.value(QStringLiteral("id")).toInteger();
}

} // namespace

ProfilesModel::ProfilesModel(net::Transport& transport, QObject* parent)
    : JsonRowsModel(parent), m_transport(transport)
{}

QString ProfilesModel::applyQuery(ApplyMode mode)
{
    return mode == ApplyMode::Now ? QStringLiteral("?apply=now")
                                  : QStringLiteral("?apply=next-connect");
}

void ProfilesModel::reload()
{
    const quint64 generation = ++m_generation;
    m_loaded = false;
    if (m_parameters.isEmpty()) {
        m_transport.get(
            QStringLiteral("/api/v1/parameters"), this, [this](const net::ApiReply& reply) {
                if (reply.ok()) {
                    m_parameters = reply.object().value(QStringLiteral("parameters")).toArray();
                    Q_EMIT parametersLoaded();
                } else {
                    Q_EMIT loadFailed(reply.error->message);
                }
            });
    }
    m_transport.get(
        QStringLiteral("/api/v1/profiles"), this, [this, generation](const net::ApiReply& reply) {
            if (generation != m_generation) {
                return;
            }
            if (!reply.ok()) {
                Q_EMIT loadFailed(reply.error->message);
                return;
            }
            beginResetModel();
            m_rows.clear();
            for (const auto& item : reply.object().value(QStringLiteral("items")).toArray()) {
                m_rows.push_back(item.toObject());
            }
            endResetModel();
            m_loaded = true;
        });
}

int ProfilesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProfilesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProfilesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QJsonObject& profile = m_rows.at(size_t(index.row()));
    if (role == IdRole) {
        return idOf(profile);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(index.column())) {
    case Name:
        return nameOf(profile);
    case Kind:
        return profile.value(QStringLiteral("kind")).toString();
    case Values:
        return profile.value(QStringLiteral("values")).toObject().size();
    case Assignments:
        return profile.value(QStringLiteral("assignments")).toArray().size();
    case Description:
        return profile.value(QStringLiteral("description")).toString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ProfilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Values:
        return tr("Values");
    case Assignments:
        return tr("Assignments");
    case Description:
        return tr("Description");
    case ColumnCount:
        break;
    }
    return {};
}

int ProfilesModel::rowOf(const QString& name) const
{
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (nameOf(m_rows[row]) == name) {
            return int(row);
        }
    }
    return -1;
}

void ProfilesModel::upsert(const QJsonObject& profile)
{
    upsertRow(profile);
}

void ProfilesModel::erase(qint64 id)
{
    eraseRow(id);
}

void ProfilesModel::applyEvent(const protocol::ObjectEvent& event)
{
    if (event.kind != QLatin1String("profile")) {
        return;
    }
    if (event.event == QLatin1String("deleted")) {
        erase(event.id);
    } else if (event.object) {
        upsert(*event.object);
    }
}

void ProfilesModel::call(const net::ApiRequest& request, const QString& what)
{
    m_transport.send(request, this, [this, what](const net::ApiReply& reply) {
        if (reply.ok() && reply.object().contains(QStringLiteral("name"))) {
            // The answer is the profile as stored: show it without waiting for the event.
            upsert(reply.object());
            if (reply.status == 201) {
                Q_EMIT created(idOf(reply.object()));
            }
        }
        Q_EMIT finished(what, reply.error ? reply.error->message : QString());
    });
}

void ProfilesModel::refresh(qint64 id)
{
    m_transport.get(QStringLiteral("/api/v1/profiles/%1").arg(id), this,
                    [this](const net::ApiReply& reply) {
                        if (reply.ok()) {
                            upsert(reply.object());
                        }
                    });
}

void ProfilesModel::create(const QString& name, const QString& kind, const QString& description)
{
    call({"POST", QStringLiteral("/api/v1/profiles"),
          QJsonObject{{QStringLiteral("name"), name},
                      {QStringLiteral("kind"), kind},
                      {QStringLiteral("description"), description}}},
         tr("Create profile %1").arg(name));
}

void ProfilesModel::rename(qint64 id, const QString& name)
{
    call({"PATCH", QStringLiteral("/api/v1/profiles/%1").arg(id),
          QJsonObject{{QStringLiteral("name"), name}}},
         tr("Rename profile to %1").arg(name));
}

void ProfilesModel::remove(qint64 id, ApplyMode mode)
{
    const int row = rowOf(id);
    const QString name = row >= 0 ? nameOf(profile(row)) : QString::number(id);
    m_transport.send({"DELETE",
                      QStringLiteral("/api/v1/profiles/%1%2").arg(id).arg(applyQuery(mode)),
                      std::nullopt},
                     this, [this, id, name](const net::ApiReply& reply) {
                         if (reply.ok()) {
                             erase(id);
                         }
                         Q_EMIT finished(tr("Delete profile %1").arg(name),
                                         reply.error ? reply.error->message : QString());
                     });
}

void ProfilesModel::saveValues(qint64 id, const QJsonObject& values, const QString& kind,
                               ApplyMode mode)
{
    const int row = rowOf(id);
    if (row < 0) {
        return;
    }
    const QJsonObject current = profile(row);
    QJsonObject change = values;
    const QJsonObject before = current.value(QStringLiteral("values")).toObject();
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!values.contains(it.key())) {
            change.insert(it.key(), QJsonValue::Null); // null removes a value
        }
    }
    QJsonObject body{{QStringLiteral("values"), change},
                     {QStringLiteral("revision"), current.value(QStringLiteral("revision"))}};
    if (!kind.isEmpty()) {
        body.insert(QStringLiteral("kind"), kind);
    }
    call({"PATCH", QStringLiteral("/api/v1/profiles/%1%2").arg(id).arg(applyQuery(mode)), body},
         tr("Save profile %1").arg(nameOf(current)));
}

void ProfilesModel::assign(qint64 id, const QString& target, qint64 targetId, ApplyMode mode,
                           const QString& label)
{
    const QString what = label.isEmpty() ? tr("Assign to %1 %2").arg(target).arg(targetId)
                                         : tr("Assign to %1").arg(label);
    m_transport.send(
        {"POST", QStringLiteral("/api/v1/profiles/%1/assignments%2").arg(id).arg(applyQuery(mode)),
         QJsonObject{{target, targetId}}},
        this, [this, id, what](const net::ApiReply& reply) {
            if (reply.ok()) {
                refresh(id);
            }
            Q_EMIT finished(what, reply.error ? reply.error->message : QString());
        });
}

void ProfilesModel::unassign(qint64 id, const QJsonObject& assignment, ApplyMode mode)
{
    const bool view = assignment.contains(QStringLiteral("view"));
    const QString path =
        QStringLiteral("/api/v1/profiles/%1/%2/%3%4")
            .arg(id)
            .arg(view ? QStringLiteral("view-assignments") : QStringLiteral("assignments"))
            .arg(assignment.value(QStringLiteral("id")).toInteger())
            .arg(applyQuery(mode));
    m_transport.send({"DELETE", path, std::nullopt}, this, [this, id](const net::ApiReply& reply) {
        if (reply.ok()) {
            refresh(id);
        }
        Q_EMIT finished(tr("Remove the assignment"),
                        reply.error ? reply.error->message : QString());
    });
}

void ProfilesModel::exportTo(qint64 id, const QString& path)
{
    m_transport.get(
        QStringLiteral("/api/v1/profiles/%1/export").arg(id), this,
        [this, path](const net::ApiReply& reply) {
            const QString what = tr("Export to %1").arg(path);
            if (!reply.ok()) {
                Q_EMIT finished(what, reply.error->message);
                return;
            }
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)
                || file.write(QJsonDocument(reply.object()).toJson(QJsonDocument::Indented)) < 0
                || !file.commit()) {
                Q_EMIT finished(what, file.errorString());
                return;
            }
            Q_EMIT finished(what, {});
        });
}

void ProfilesModel::importFrom(const QString& path, bool replace, ApplyMode mode)
{
    const QString what = tr("Import %1").arg(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Q_EMIT finished(what, file.errorString());
        return;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.read(1 << 20), &error);
    if (!document.isObject()) {
        Q_EMIT finished(what, error.error != QJsonParseError::NoError
                                  ? tr("not a JSON file: %1").arg(error.errorString())
                                  : tr("not a profile export file (no JSON object)"));
        return;
    }
    QString query = applyQuery(mode);
    if (replace) {
        query += QStringLiteral("&replace=true");
    }
    call({"POST", QStringLiteral("/api/v1/profiles/import") + query, document.object()}, what);
}

} // namespace steward::console::models
