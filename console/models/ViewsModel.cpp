// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/ViewsModel.h"

namespace steward::console::models {
namespace {

qint64 idOf(const QJsonObject& view)
{
    return view.value(QStringLiteral("id")).toInteger();
}

} // namespace

ViewsModel::ViewsModel(net::Transport& transport, QObject* parent)
    : JsonRowsModel(parent), m_transport(transport)
{}

void ViewsModel::loadProfileNames()
{
    m_transport.get(QStringLiteral("/api/v1/profiles"), this, [this](const net::ApiReply& reply) {
        if (!reply.ok()) {
            return; // ids are shown instead
        }
        for (const auto& item : reply.object().value(QStringLiteral("items")).toArray()) {
            const QJsonObject profile = item.toObject();
            m_profileNames.insert(idOf(profile), profile.value(QStringLiteral("name")).toString());
        }
        if (!m_rows.empty()) {
            Q_EMIT dataChanged(index(0, Profiles), index(rowCount() - 1, Profiles));
        }
    });
}

void ViewsModel::refresh()
{
    m_transport.get(QStringLiteral("/api/v1/views"), this, [this](const net::ApiReply& reply) {
        if (!reply.ok() || !m_loaded) {
            return;
        }
        for (const auto& item : reply.object().value(QStringLiteral("items")).toArray()) {
            upsert(item.toObject());
        }
    });
}

QString ViewsModel::profileNames(int row) const
{
    QStringList names;
    for (const auto& entry : view(row).value(QStringLiteral("profiles")).toArray()) {
        const qint64 id = entry.toObject().value(QStringLiteral("profile")).toInteger();
        names.append(m_profileNames.value(id, QStringLiteral("#%1").arg(id)));
    }
    return names.join(QStringLiteral(", "));
}

void ViewsModel::reload()
{
    loadProfileNames();
    const quint64 generation = ++m_generation;
    m_loaded = false;
    m_transport.get(
        QStringLiteral("/api/v1/views"), this, [this, generation](const net::ApiReply& reply) {
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

int ViewsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ViewsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ViewsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QJsonObject& view = m_rows.at(size_t(index.row()));
    if (role == IdRole) {
        return idOf(view);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(index.column())) {
    case Name:
        return view.value(QStringLiteral("name")).toString();
    case Conditions:
        return view.value(QStringLiteral("filter"))
            .toObject()
            .value(QStringLiteral("all"))
            .toArray()
            .size();
    case Profiles:
        return profileNames(index.row());
    case Description:
        return view.value(QStringLiteral("description")).toString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ViewsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Conditions:
        return tr("Conditions");
    case Profiles:
        return tr("Profiles");
    case Description:
        return tr("Description");
    case ColumnCount:
        break;
    }
    return {};
}

void ViewsModel::upsert(const QJsonObject& view)
{
    upsertRow(view);
}

void ViewsModel::erase(qint64 id)
{
    eraseRow(id);
}

void ViewsModel::applyEvent(const protocol::ObjectEvent& event)
{
    if (event.kind == QLatin1String("view")) {
        if (event.event == QLatin1String("deleted")) {
            erase(event.id);
        } else if (event.object) {
            upsert(*event.object);
        }
        if (event.id == m_membersOf && event.event == QLatin1String("changed")) {
            loadMembers(m_membersOf); // the filter may have changed
        }
    } else if (event.kind == QLatin1String("profile")) {
        if (event.object) {
            m_profileNames.insert(event.id, event.object->value(QStringLiteral("name")).toString());
        }
        refresh(); // the view's profile assignments may have changed
    } else if (event.kind == QLatin1String("device") && m_membersOf != 0
               && event.event != QLatin1String("online")
               && event.event != QLatin1String("offline")) {
        loadMembers(m_membersOf); // a device may have joined or left
    }
}

void ViewsModel::create(const QString& name, const QString& description, const QJsonObject& filter)
{
    m_transport.send({"POST", QStringLiteral("/api/v1/views"),
                      QJsonObject{{QStringLiteral("name"), name},
                                  {QStringLiteral("description"), description},
                                  {QStringLiteral("filter"), filter}}},
                     this, [this, name](const net::ApiReply& reply) {
                         if (reply.ok()) {
                             upsert(reply.object());
                             Q_EMIT created(idOf(reply.object()));
                         }
                         Q_EMIT finished(tr("Create view %1").arg(name),
                                         reply.error ? reply.error->message : QString());
                     });
}

void ViewsModel::change(qint64 id, const QString& name, const QString& description,
                        const QJsonObject& filter, ApplyMode mode)
{
    const int row = rowOf(id);
    QJsonObject body{{QStringLiteral("name"), name},
                     {QStringLiteral("description"), description},
                     {QStringLiteral("filter"), filter}};
    if (row >= 0) {
        body.insert(QStringLiteral("revision"), view(row).value(QStringLiteral("revision")));
    }
    m_transport.send(
        {"PATCH", QStringLiteral("/api/v1/views/%1%2").arg(id).arg(ProfilesModel::applyQuery(mode)),
         body},
        this, [this, id, name](const net::ApiReply& reply) {
            if (reply.ok()) {
                upsert(reply.object());
                if (id == m_membersOf) {
                    loadMembers(id);
                }
            }
            Q_EMIT finished(tr("Save view %1").arg(name),
                            reply.error ? reply.error->message : QString());
        });
}

void ViewsModel::remove(qint64 id, ApplyMode mode)
{
    const int row = rowOf(id);
    const QString name =
        row >= 0 ? view(row).value(QStringLiteral("name")).toString() : QString::number(id);
    m_transport.send(
        {"DELETE",
         QStringLiteral("/api/v1/views/%1%2").arg(id).arg(ProfilesModel::applyQuery(mode)),
         std::nullopt},
        this, [this, id, name](const net::ApiReply& reply) {
            if (reply.ok()) {
                erase(id);
            }
            Q_EMIT finished(tr("Delete view %1").arg(name),
                            reply.error ? reply.error->message : QString());
        });
}

void ViewsModel::loadMembers(qint64 id)
{
    m_membersOf = id;
    if (id == 0) {
        m_members = {};
        m_memberTotal = 0;
        Q_EMIT membersLoaded({});
        return;
    }
    m_transport.get(QStringLiteral("/api/v1/views/%1/devices?offset=0&limit=1000").arg(id), this,
                    [this, id](const net::ApiReply& reply) {
                        if (id != m_membersOf) {
                            return;
                        }
                        m_members = reply.object().value(QStringLiteral("items")).toArray();
                        m_memberTotal = reply.object().value(QStringLiteral("total")).toInteger();
                        Q_EMIT membersLoaded(reply.ok() ? QString() : reply.error->message);
                    });
}

} // namespace steward::console::models
