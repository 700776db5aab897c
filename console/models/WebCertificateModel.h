// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateModel - the web certificates (what port 8443 presents) as a table, with actions.
#pragma once

#include "console/models/CertificateModel.h"
#include "console/net/Transport.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <vector>

namespace steward::console::models {

/** What Create sends (POST /api/v1/web-certificates). */
struct WebCertificateRequest {
    QString alias;
    QStringList hostNames;
    QString keySpec = QStringLiteral("EC P-256"); // "RSA 2048", "RSA 4096"
    int validityDays = 825;

    [[nodiscard]] QJsonObject toJson() const;
};

/**
 * Why \a name cannot be a web certificate's host name, empty when it can: an IPv4 or IPv6
 * address, localhost, or a fully qualified domain name (two labels or more, the last not all
 * digits, no wildcard). The server checks the same and has the last word.
 */
[[nodiscard]] QString webHostNameProblem(const QString& name);

/**
 * GET /api/v1/web-certificates. The server sends no events for this store, so the list is
 * reloaded when the page is shown and after each action. Each action reports through
 * finished(); an assignment refused because devices do not trust the certificate's root
 * reports assignRefused() instead, so the page can offer to force it.
 */
class WebCertificateModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Alias, Names, Issuer, Expiry, KeySpec, Signature, InUse, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };
    using Object = std::function<void(const QJsonObject& object, const QString& error)>;

    explicit WebCertificateModel(net::Transport& transport, QObject* parent = nullptr);

    void reload();
    [[nodiscard]] bool isLoaded() const { return m_loaded; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    [[nodiscard]] int rowOf(qint64 id) const;
    [[nodiscard]] int rowOf(const QString& alias) const;
    [[nodiscard]] QJsonObject entry(int row) const { return m_rows.at(size_t(row)); }
    [[nodiscard]] QString aliasOf(qint64 id) const;

    void create(const WebCertificateRequest& request);
    /** \a chain PEM (leaf first, root last) with its PEM \a key (encrypted: \a keyPassword). */
    void importPem(const QString& alias, const QByteArray& chain, const QByteArray& key,
                   const QString& keyPassword);
    void importPkcs12(const QString& alias, const QByteArray& data, const QString& password);
    void renew(qint64 id);
    /** Sends its root to every device (signed trust.update) so that assigning it cuts none off. */
    void distributeRoot(qint64 id);
    void assign(qint64 id, bool force);
    void remove(qint64 id);

    /** GET …/host-names: {"names":[…],"excluded":[{"name","reason"}]}. */
    void hostNames(Object done);
    /** GET …/{id}/affected-devices: {"count","devices":[{"id","name"}]}. */
    void affectedDevices(qint64 id, Object done);

Q_SIGNALS:
    void loadFailed(const steward::Error& error);
    void finished(const steward::console::models::ActionOutcome& outcome);
    /**
     * An assignment without force was refused: \a count enrolled devices do not trust the
     * root; \a devices their names (the server's first ten); \a message verbatim.
     */
    void assignRefused(qint64 id, qint64 count, const QStringList& devices, const QString& message);

private:
    void call(const QByteArray& method, const QString& path, const std::optional<QJsonObject>& body,
              const QString& what);

    net::Transport& m_transport;
    std::vector<QJsonObject> m_rows;
    quint64 m_generation = 0;
    bool m_loaded = false;
};

/** "2 enrolled device(s) do not trust …:" and one name per line, from affected-devices. */
[[nodiscard]] QString affectedDevicesText(const QString& alias, const QJsonObject& affected);

} // namespace steward::console::models
