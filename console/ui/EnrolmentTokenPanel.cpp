// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/EnrolmentTokenPanel.h"

#include "console/net/Transport.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace steward::console::ui {

namespace {

QString localTime(const QJsonValue& iso)
{
    const QDateTime time = QDateTime::fromString(iso.toString(), Qt::ISODate);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                          : QString();
}

} // namespace

EnrolmentTokenPanel::EnrolmentTokenPanel(net::Transport& transport, QUrl server,
                                         QSslCertificate serverCertificate, QWidget* parent)
    : QWidget(parent), m_transport(transport), m_server(std::move(server))
{
    setObjectName(QStringLiteral("enrolmentTokenPanel"));
    if (!serverCertificate.isNull()) {
        m_fingerprint = QString::fromLatin1(
            serverCertificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    }
    m_folder = new QComboBox(this);
    m_folder->setObjectName(QStringLiteral("tokenFolder"));
    m_folder->addItem(tr("(no folder: the directory rules decide)"), QString());
    m_lifetime = new QComboBox(this);
    m_lifetime->setObjectName(QStringLiteral("tokenLifetime"));
    for (const auto& [text, seconds] :
         {std::pair{tr("1 hour"), 3600}, std::pair{tr("24 hours"), 86400},
          std::pair{tr("7 days"), 7 * 86400}, std::pair{tr("30 days"), 30 * 86400}}) {
        m_lifetime->addItem(text, seconds);
    }
    m_lifetime->setCurrentIndex(1);
    m_create = new QPushButton(tr("&Create token"), this);
    m_create->setObjectName(QStringLiteral("createToken"));
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setReadOnly(true);
    m_token->setPlaceholderText(tr("The token appears here once; it is not shown again"));
    m_copy = new QPushButton(tr("Co&py command"), this);
    m_copy->setObjectName(QStringLiteral("copyCommand"));
    m_copy->setEnabled(false);
    m_command = new QPlainTextEdit(this);
    m_command->setObjectName(QStringLiteral("enrolCommand"));
    m_command->setReadOnly(true);
    m_command->setMaximumHeight(72);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("tokenStatus"));
    m_status->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("tokenError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    m_tokens = new QTreeWidget(this);
    m_tokens->setObjectName(QStringLiteral("tokens"));
    m_tokens->setRootIsDecorated(false);
    m_tokens->setHeaderLabels(
        {tr("Id"), tr("Created"), tr("Expires"), tr("Folder"), tr("State"), tr("Created by")});
    m_tokens->header()->setStretchLastSection(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Folder:"), m_folder);
    form->addRow(tr("&Valid for:"), m_lifetime);
    auto* tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_copy);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_create, 0, Qt::AlignLeft);
    layout->addLayout(tokenRow);
    layout->addWidget(m_command);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addWidget(new QLabel(tr("Tokens made so far (the tokens themselves are never "
                                    "shown again):"),
                                 this));
    layout->addWidget(m_tokens, 1);

    connect(m_create, &QPushButton::clicked, this, &EnrolmentTokenPanel::createToken);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_command->toPlainText());
        m_status->setText(tr("The command is on the clipboard."));
    });
    loadFolders();
    reload();
}

QString EnrolmentTokenPanel::token() const
{
    return m_token->text();
}

QString EnrolmentTokenPanel::command() const
{
    return m_command->toPlainText();
}

QString EnrolmentTokenPanel::error() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

int EnrolmentTokenPanel::listedTokens() const
{
    return m_tokens->topLevelItemCount();
}

void EnrolmentTokenPanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

void EnrolmentTokenPanel::loadFolders()
{
    ++m_busy;
    m_transport.get(QStringLiteral("/api/v1/folders"), this, [this](const net::ApiReply& reply) {
        --m_busy;
        if (!reply.ok()) {
            showError(tr("The folders could not be loaded: %1").arg(reply.error->message));
            return;
        }
        QStringList paths;
        for (const auto& folder : reply.object().value(QStringLiteral("items")).toArray()) {
            paths.append(folder.toObject().value(QStringLiteral("path")).toString());
        }
        paths.sort(Qt::CaseInsensitive);
        for (const QString& path : std::as_const(paths)) {
            m_folder->addItem(path, path);
        }
    });
}

void EnrolmentTokenPanel::reload()
{
    ++m_busy;
    m_transport.get(
        QStringLiteral("/api/v1/enrollment-tokens?offset=0&limit=200"), this,
        [this](const net::ApiReply& reply) {
            --m_busy;
            if (!reply.ok()) {
                showError(tr("The tokens could not be listed: %1").arg(reply.error->message));
                return;
            }
            m_tokens->clear();
            for (const auto& value : reply.object().value(QStringLiteral("items")).toArray()) {
                const QJsonObject token = value.toObject();
                const bool used = !token.value(QStringLiteral("used")).isNull();
                const QString state =
                    used ? tr("used %1").arg(localTime(token.value(QStringLiteral("used"))))
                    : token.value(QStringLiteral("expired")).toBool() ? tr("expired")
                                                                      : tr("valid");
                const QString folder = token.value(QStringLiteral("folder")).toString();
                m_tokens->addTopLevelItem(new QTreeWidgetItem(
                    {QString::number(token.value(QStringLiteral("id")).toInteger()),
                     localTime(token.value(QStringLiteral("created"))),
                     localTime(token.value(QStringLiteral("expires"))),
                     folder.isEmpty() ? tr("(none)") : folder, state,
                     token.value(QStringLiteral("createdBy")).toString()}));
            }
            for (int column = 0; column < m_tokens->columnCount() - 1; ++column) {
                m_tokens->resizeColumnToContents(column);
            }
        });
}

void EnrolmentTokenPanel::createToken()
{
    QJsonObject body{{QStringLiteral("ttl"), m_lifetime->currentData().toInt()}};
    const QString folder = m_folder->currentData().toString();
    if (!folder.isEmpty()) {
        body.insert(QStringLiteral("folder"), folder);
    }
    m_error->hide();
    m_create->setEnabled(false);
    ++m_busy;
    m_transport.send(
        {"POST", QStringLiteral("/api/v1/enrollment-tokens"), body}, this,
        [this, folder](const net::ApiReply& reply) {
            --m_busy;
            m_create->setEnabled(true);
            if (!reply.ok()) {
                showError(tr("No token was made: %1").arg(reply.error->message));
                return;
            }
            const QString token = reply.object().value(QStringLiteral("token")).toString();
            m_token->setText(token);
            QString command = QStringLiteral("STEWARD_ENROLL_TOKEN=%1 steward-agent --state-dir "
                                             "/var/lib/steward-agent enroll --server %2")
                                  .arg(token, m_server.toString());
            if (!m_fingerprint.isEmpty()) {
                command += QStringLiteral(" --fingerprint %1").arg(m_fingerprint);
            }
            m_command->setPlainText(command);
            m_copy->setEnabled(true);
            m_status->setText(
                tr("Token %1 works once, until %2%3. Run the command on the device as root; "
                   "the token is not shown again.")
                    .arg(reply.object().value(QStringLiteral("id")).toInteger())
                    .arg(localTime(reply.object().value(QStringLiteral("expires"))),
                         folder.isEmpty() ? QString()
                                          : tr(", and puts the device into %1").arg(folder)));
            reload();
        });
}

void EnrolmentTokenPanel::clearToken()
{
    m_token->clear();
    m_command->clear();
    m_copy->setEnabled(false);
    m_status->clear();
}

} // namespace steward::console::ui
