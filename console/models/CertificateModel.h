// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateModel - the device-communication certificate store as a table, with its actions.
#pragma once

#include "common/protocol/Events.h"
#include "console/net/Transport.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <vector>

namespace steward::console::models {

/** What Generate sends (POST /api/v1/certificates). */
struct GenerateRequest {
    QString alias;
    QString keySpec = QStringLiteral("RSA 4096"); // "RSA 2048", "EC P-256"
    QString signatureAlgorithm;                   // empty: the server's default for the key
    QString commonName;                           // empty: the server's default
    QStringList dnsNames;
    int validityDays = 7300;

    [[nodiscard]] QJsonObject toJson() const;
};

/** How an action ended: \a error is empty when it worked; the server's words otherwise. */
struct ActionOutcome {
    QString what; // "Generate \"fleet-ec\""
    QString error;
    int status = 0; // HTTP status; 0 when no answer arrived
};

/**
 * GET /api/v1/certificates, in list order (position). Live: "certificate" events (created,
 * changed, deleted) update rows in place, so changes made in another console, over REST or
 * with steward-admin show up without a refresh; every action also reloads when it ends, for
 * servers that send no such events. Each action reports through finished(); a delete the
 * server refuses because devices use the certificate reports deleteRefused() instead, so the
 * page can offer to force it.
 */
class CertificateModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Alias,
        Position,
        Active,
        KeySpec,
        Signature,
        Names,
        Validity,
        PrivateKey,
        Devices,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1 };
    using Bytes = std::function<void(const QByteArray& data, const QString& error)>;
    using Object = std::function<void(const QJsonObject& object, const QString& error)>;

    explicit CertificateModel(net::Transport& transport, QObject* parent = nullptr);

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
    [[nodiscard]] int activeCount() const;

    void applyEvent(const protocol::ObjectEvent& event);

    void generate(const GenerateRequest& request);
    /** \a certificate PEM (or DER) text with an optional PEM \a key (encrypted: \a keyPassword). */
    void importPem(const QString& alias, const QByteArray& certificate, const QByteArray& key,
                   const QString& keyPassword);
    void importPkcs12(const QString& alias, const QByteArray& data, const QString& password);
    void setActive(qint64 id, bool active);
    void move(qint64 id, bool up);
    void remove(qint64 id, bool force);

    /** GET …/{id}: the content (issuer, serial, fingerprints, CA flag…). */
    void details(qint64 id, Object done);
    /** GET …/{id}/devices: {"items":[{"id","name"}],"total"}. */
    void devicesUsing(qint64 id, Object done);
    /** GET …/{id}/certificate: PEM, or DER with \a der. */
    void exportCertificate(qint64 id, bool der, Bytes done);
    /** POST …/{id}/key-pair: PKCS#12 under \a password (the server audits it). */
    void exportKeyPair(qint64 id, const QString& password, Bytes done);

Q_SIGNALS:
    void loadFailed(const steward::Error& error);
    void finished(const steward::console::models::ActionOutcome& outcome);
    /** A delete without force was refused: \a devices use the certificate; \a message verbatim. */
    void deleteRefused(qint64 id, qint64 devices, const QString& message);

private:
    void upsert(const QJsonObject& entry);
    void removeRow(qint64 id);
    void sortRows();
    void call(const QByteArray& method, const QString& path, const std::optional<QJsonObject>& body,
              const QString& what);
    [[nodiscard]] QString aliasOf(qint64 id) const;

    net::Transport& m_transport;
    std::vector<QJsonObject> m_rows;
    quint64 m_generation = 0;
    bool m_loaded = false;
};

} // namespace steward::console::models

Q_DECLARE_METATYPE(steward::console::models::ActionOutcome)
