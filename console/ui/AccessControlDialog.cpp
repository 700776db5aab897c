// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/AccessControlDialog.h"

#include <QColor>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace steward::console::ui {
namespace {

const QString MissingRight = QStringLiteral("missing right ");

QString encoded(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QString chainText(const QJsonArray& chain, const QString& separator)
{
    QStringList lines;
    for (const auto& item : chain) {
        const QJsonObject hit = item.toObject();
        lines.append(QObject::tr("%1: %2 %3 (%4)")
                         .arg(hit[QStringLiteral("node")][QStringLiteral("path")].toString(),
                              hit[QStringLiteral("principal")][QStringLiteral("name")].toString(),
                              hit[QStringLiteral("effect")].toString() == QLatin1String("allow")
                                  ? QObject::tr("Allow")
                                  : QObject::tr("Deny"),
                              hit[QStringLiteral("note")].toString()));
    }
    return lines.join(separator);
}

} // namespace

QString plainError(const net::ApiReply& reply)
{
    if (reply.ok()) {
        return {};
    }
    QString message = reply.error->message;
    // "entry 2: …" points into the request body, which the user never saw.
    message.remove(QRegularExpression(QStringLiteral("^entry \\d+: ")));
    if (reply.status == 403) {
        return message.startsWith(MissingRight)
                   ? QObject::tr("Refused: you are missing the right %1.")
                         .arg(message.mid(MissingRight.size()))
                   : QObject::tr("Refused: %1.").arg(message);
    }
    if (reply.status == 0) {
        return QObject::tr("The server could not be reached: %1.").arg(message);
    }
    return QObject::tr("The server refused: %1.").arg(message);
}

AccessControlDialog::AccessControlDialog(net::Session& session, AccessNode node, QWidget* parent)
    : QDialog(parent), m_session(session), m_node(std::move(node)), m_path(m_node.label)
{
    setObjectName(QStringLiteral("accessControlDialog"));
    m_model = new models::PermissionModel(this);
    m_effective = new QStandardItemModel(0, 4, this);
    m_effective->setHorizontalHeaderLabels({tr("Right"), tr("Effective"), tr("Why"), tr("Chain")});
    m_explained = m_session.user;
    buildLayout();
    connect(m_model, &models::PermissionModel::modifiedChanged, this,
            &AccessControlDialog::updateButtons);
    reload();
}

void AccessControlDialog::buildLayout()
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setWordWrap(true);
    showTitle();
    m_entries = new QTableView(this);
    m_entries->setObjectName(QStringLiteral("entries"));
    m_entries->setModel(m_model);
    m_entries->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_entries->setSelectionMode(QAbstractItemView::SingleSelection);
    m_entries->verticalHeader()->hide();
    m_entries->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_entries, &QAbstractItemView::clicked, m_model, &models::PermissionModel::cycle);
    connect(m_entries->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AccessControlDialog::updateButtons);

    m_addChoice = new QComboBox(this);
    m_addChoice->setObjectName(QStringLiteral("addChoice"));
    m_addChoice->setMinimumContentsLength(24);
    m_add = new QPushButton(tr("&Add"), this);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setToolTip(tr("Take the selected administrator or group out, with its entries"));
    connect(m_add, &QPushButton::clicked, this, [this] {
        const auto at = m_addChoice->currentIndex();
        if (at >= 0 && at < int(m_candidates.size())) {
            addPrincipal(m_candidates[size_t(at)].kind, m_candidates[size_t(at)].id);
        }
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const auto rows = m_entries->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            m_model->removePrincipal(rows.first().row());
        }
    });
    auto* editRow = new QHBoxLayout;
    editRow->addWidget(m_addChoice, 1);
    editRow->addWidget(m_add);
    editRow->addWidget(m_remove);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_adminChoice = new QComboBox(this);
    m_adminChoice->setObjectName(QStringLiteral("adminChoice"));
    m_adminChoice->addItem(m_session.user);
    connect(m_adminChoice, &QComboBox::activated, this,
            [this] { explain(m_adminChoice->currentText()); });
    auto* explainRow = new QHBoxLayout;
    explainRow->addWidget(new QLabel(tr("Effective rights of"), this));
    explainRow->addWidget(m_adminChoice, 1);
    m_effectiveView = new QTableView(this);
    m_effectiveView->setObjectName(QStringLiteral("effective"));
    m_effectiveView->setModel(m_effective);
    m_effectiveView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_effectiveView->verticalHeader()->hide();
    m_effectiveView->setWordWrap(false);
    m_effectiveView->horizontalHeader()->setStretchLastSection(true);

    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Save | QDialogButtonBox::Reset | QDialogButtonBox::Close, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    buttons->button(QDialogButtonBox::Reset)->setText(tr("Re&load"));
    connect(m_save, &QPushButton::clicked, this, &AccessControlDialog::save);
    connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this,
            &AccessControlDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_entries, 2);
    layout->addLayout(editRow);
    layout->addWidget(m_message);
    layout->addLayout(explainRow);
    layout->addWidget(m_effectiveView, 3);
    layout->addWidget(buttons);
    resize(980, 640);
    updateButtons();
}

QString AccessControlDialog::message() const
{
    return m_message->text();
}

QStringList AccessControlDialog::effectiveRow(const QString& right) const
{
    for (int row = 0; row < m_effective->rowCount(); ++row) {
        if (m_effective->item(row, RightColumn)->text() == right) {
            return {m_effective->item(row, AllowedColumn)->text(),
                    m_effective->item(row, ReasonColumn)->text(),
                    m_effective->item(row, ChainColumn)->text()};
        }
    }
    return {};
}

void AccessControlDialog::send(const net::ApiRequest& request,
                               std::function<void(const net::ApiReply&)> then)
{
    ++m_pending;
    m_session.api->send(request, this, [this, then = std::move(then)](const net::ApiReply& reply) {
        --m_pending;
        then(reply);
        updateButtons();
    });
    updateButtons();
}

void AccessControlDialog::reload()
{
    if (m_model->isModified()
        && QMessageBox::question(this, tr("Reload"), tr("Discard the unsaved changes?"))
               != QMessageBox::Yes) {
        return;
    }
    setMessage({}, false);
    send({"GET", QStringLiteral("/api/v1/permissions?node=") + m_node.ref, std::nullopt},
         [this](const net::ApiReply& reply) {
             if (!reply.ok()) {
                 setMessage(plainError(reply), true);
                 return;
             }
             m_path = reply.object()[QStringLiteral("node")][QStringLiteral("path")].toString();
             showTitle();
             m_model->load(reply.object());
         });
    loadCandidates();
    explain(m_explained);
}

void AccessControlDialog::loadCandidates()
{
    // Both lists need Read on /Administration; without it the entries can still be edited.
    m_candidates.clear();
    m_addChoice->clear();
    for (const char* kind : {"admins", "groups"}) {
        const QString path = QStringLiteral("/api/v1/%1?limit=1000").arg(QLatin1String(kind));
        const bool admins = qstrcmp(kind, "admins") == 0;
        send({"GET", path, std::nullopt}, [this, admins](const net::ApiReply& reply) {
            if (!reply.ok()) {
                m_addChoice->setToolTip(
                    tr("Administrators and groups cannot be listed: %1").arg(plainError(reply)));
                return;
            }
            for (const auto& item : reply.object()[QStringLiteral("items")].toArray()) {
                const QJsonObject json = item.toObject();
                const models::Principal who{admins ? QStringLiteral("admin")
                                                   : QStringLiteral("group"),
                                            json[QStringLiteral("id")].toInteger(),
                                            json[QStringLiteral("name")].toString()};
                if (std::find(m_candidates.begin(), m_candidates.end(), who)
                    != m_candidates.end()) {
                    continue; // a reload overlapped an earlier one
                }
                m_candidates.push_back(who);
                m_addChoice->addItem(who.label());
                if (admins && m_adminChoice->findText(who.name) < 0) {
                    m_adminChoice->addItem(who.name);
                }
            }
        });
    }
}

bool AccessControlDialog::addPrincipal(const QString& kind, qint64 id)
{
    const auto found =
        std::find_if(m_candidates.begin(), m_candidates.end(),
                     [&](const models::Principal& p) { return p.kind == kind && p.id == id; });
    if (found == m_candidates.end() || !m_model->addPrincipal(*found)) {
        return false;
    }
    m_entries->selectRow(m_model->rowOf(kind, id));
    return true;
}

void AccessControlDialog::save()
{
    const QJsonObject body{{QStringLiteral("entries"), m_model->entries()}};
    send({"PUT", QStringLiteral("/api/v1/permissions?node=") + m_node.ref, body},
         [this](const net::ApiReply& reply) {
             if (!reply.ok()) {
                 // The edits stay on screen: nothing was stored, nothing is lost.
                 setMessage(tr("Not saved. %1").arg(plainError(reply)), true);
                 return;
             }
             m_model->load(reply.object());
             setMessage(tr("Saved; the new rights apply at once."), false);
             explain(m_explained);
         });
}

void AccessControlDialog::explain(const QString& admin)
{
    m_explained = admin;
    if (const int at = m_adminChoice->findText(admin); at >= 0) {
        m_adminChoice->setCurrentIndex(at);
    }
    send({"GET",
          QStringLiteral("/api/v1/permissions/effective?admin=%1&node=%2")
              .arg(encoded(admin), m_node.ref),
          std::nullopt},
         [this, admin](const net::ApiReply& reply) {
             if (admin != m_explained) {
                 return; // another administrator was chosen meanwhile
             }
             m_effective->removeRows(0, m_effective->rowCount());
             if (!reply.ok()) {
                 setMessage(tr("The effective rights of %1 cannot be shown. %2")
                                .arg(admin, plainError(reply)),
                            true);
                 return;
             }
             showEffective(reply.object());
         });
}

void AccessControlDialog::showEffective(const QJsonObject& answer)
{
    for (const auto& item : answer[QStringLiteral("rights")].toArray()) {
        const QJsonObject right = item.toObject();
        const bool allowed = right[QStringLiteral("allowed")].toBool();
        const QJsonArray chain = right[QStringLiteral("chain")].toArray();
        auto* name = new QStandardItem(right[QStringLiteral("right")].toString());
        auto* verdict = new QStandardItem(allowed ? tr("allowed") : tr("denied"));
        verdict->setBackground(allowed ? QColor(0xd8, 0xf0, 0xd8) : QColor(0xf6, 0xd0, 0xd0));
        auto* reason = new QStandardItem(right[QStringLiteral("reason")].toString());
        auto* steps = new QStandardItem(chainText(chain, QStringLiteral("; ")));
        const QString tooltip = chain.isEmpty() ? reason->text()
                                                : reason->text() + QLatin1Char('\n')
                                                      + chainText(chain, QStringLiteral("\n"));
        for (auto* cell : {name, verdict, reason, steps}) {
            cell->setToolTip(tooltip);
        }
        m_effective->appendRow({name, verdict, reason, steps});
    }
    m_effectiveView->resizeColumnsToContents();
}

void AccessControlDialog::showTitle()
{
    setWindowTitle(tr("Access control — %1").arg(m_path));
    m_title->setText(tr("<b>Rights on %1</b> — click a cell: not set → Allow → Deny. A Deny "
                        "cannot be overridden below; not set is denied.")
                         .arg(m_path.toHtmlEscaped()));
}

void AccessControlDialog::setMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #a00000;") : QString());
}

void AccessControlDialog::updateButtons()
{
    m_save->setEnabled(m_model->isModified() && m_pending == 0);
    m_add->setEnabled(!m_candidates.empty());
    m_remove->setEnabled(!m_entries->selectionModel()->selectedRows().isEmpty());
}

void AccessControlDialog::done(int result)
{
    if (m_model->isModified()
        && QMessageBox::question(this, tr("Access control"),
                                 tr("The changes on %1 are not saved. Close anyway?").arg(m_path))
               != QMessageBox::Yes) {
        return;
    }
    QDialog::done(result);
}

} // namespace steward::console::ui
