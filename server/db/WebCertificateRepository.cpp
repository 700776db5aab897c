// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/WebCertificateRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString Columns =
    QStringLiteral("id, alias, in_use, origin, key_spec, signature_algorithm, fingerprint, "
                   "cert_pem, key_file, created_at, created_by");

WebCertificate readRow(const QSqlQuery& query)
{
    WebCertificate row;
    row.id = query.value(0).toLongLong();
    row.alias = query.value(1).toString();
    row.inUse = query.value(2).toInt() != 0;
    row.origin = query.value(3).toString();
    row.keySpec = query.value(4).toString();
    row.signatureAlgorithm = query.value(5).toString();
    row.fingerprint = query.value(6).toString();
    row.certificatePem = query.value(7).toString();
    row.keyFile = query.value(8).toString();
    row.createdAt = query.value(9).toLongLong();
    row.createdBy = query.value(10).toString();
    return row;
}

Result<std::vector<WebCertificate>> select(Database& db, const QString& where,
                                           const QVariant& value)
{
    auto query = db.prepare(
        QStringLiteral("SELECT %1 FROM web_certificates %2 ORDER BY id").arg(Columns, where));
    if (!query) {
        return query.error();
    }
    if (value.isValid()) {
        query->bindValue(QStringLiteral(":value"), value);
    }
    if (auto r = Database::exec(*query, QStringLiteral("reading web certificates")); !r) {
        return r.error();
    }
    std::vector<WebCertificate> rows;
    while (query->next()) {
        rows.push_back(readRow(*query));
    }
    return rows;
}

Result<void> changeOne(QSqlQuery& query, const QString& what, qint64 id)
{
    if (auto r = Database::exec(query, what); !r) {
        return r;
    }
    if (query.numRowsAffected() != 1) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no web certificate %1").arg(id));
    }
    return {};
}

} // namespace

WebCertificateRepository::WebCertificateRepository(Database& db) : m_db(db) {}

Result<std::vector<WebCertificate>> WebCertificateRepository::list() const
{
    return select(m_db, {}, {});
}

Result<std::optional<WebCertificate>> WebCertificateRepository::find(qint64 id) const
{
    auto rows = select(m_db, QStringLiteral("WHERE id = :value"), id);
    if (!rows) {
        return rows.error();
    }
    return rows->empty() ? std::optional<WebCertificate>()
                         : std::optional<WebCertificate>(rows->front());
}

Result<qint64> WebCertificateRepository::insert(const WebCertificate& certificate)
{
    auto sameAlias =
        select(m_db, QStringLiteral("WHERE LOWER(alias) = LOWER(:value)"), certificate.alias);
    auto same = select(m_db, QStringLiteral("WHERE fingerprint = :value"), certificate.fingerprint);
    if (!sameAlias || !same) {
        return !sameAlias ? sameAlias.error() : same.error();
    }
    if (!sameAlias->empty()) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("a web certificate with the alias \"%1\" already exists")
                             .arg(sameAlias->front().alias));
    }
    if (!same->empty()) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("this certificate is already stored as \"%1\"")
                             .arg(same->front().alias));
    }
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO web_certificates (alias, in_use, origin, key_spec, signature_algorithm,"
        " fingerprint, cert_pem, key_file, created_at, created_by) VALUES (:alias, :inUse,"
        " :origin, :spec, :algorithm, :fingerprint, :pem, :key, :at, :by) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":alias"), certificate.alias);
    query->bindValue(QStringLiteral(":inUse"), certificate.inUse ? 1 : 0);
    query->bindValue(QStringLiteral(":origin"), certificate.origin);
    query->bindValue(QStringLiteral(":spec"), certificate.keySpec);
    query->bindValue(QStringLiteral(":algorithm"), certificate.signatureAlgorithm);
    query->bindValue(QStringLiteral(":fingerprint"), certificate.fingerprint);
    query->bindValue(QStringLiteral(":pem"), certificate.certificatePem);
    query->bindValue(QStringLiteral(":key"), certificate.keyFile);
    query->bindValue(QStringLiteral(":at"), certificate.createdAt);
    query->bindValue(QStringLiteral(":by"), Database::text(certificate.createdBy));
    if (auto r = Database::exec(*query, QStringLiteral("storing a web certificate")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError,
                         QStringLiteral("no id for the new web certificate"));
    }
    return query->value(0).toLongLong();
}

Result<void> WebCertificateRepository::remove(qint64 id)
{
    auto query = m_db.prepare(QStringLiteral("DELETE FROM web_certificates WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    return changeOne(*query, QStringLiteral("deleting a web certificate"), id);
}

Result<void> WebCertificateRepository::replace(const WebCertificate& certificate)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE web_certificates SET key_spec = :spec, signature_algorithm = :algorithm,"
        " fingerprint = :fingerprint, cert_pem = :pem, key_file = :key WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":spec"), certificate.keySpec);
    query->bindValue(QStringLiteral(":algorithm"), certificate.signatureAlgorithm);
    query->bindValue(QStringLiteral(":fingerprint"), certificate.fingerprint);
    query->bindValue(QStringLiteral(":pem"), certificate.certificatePem);
    query->bindValue(QStringLiteral(":key"), certificate.keyFile);
    query->bindValue(QStringLiteral(":id"), certificate.id);
    return changeOne(*query, QStringLiteral("renewing a web certificate"), certificate.id);
}

Result<void> WebCertificateRepository::setInUse(qint64 id)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE web_certificates SET in_use = CASE WHEN id = :id THEN 1 ELSE 0 END"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("assigning a web certificate")); !r) {
        return r;
    }
    auto found = find(id);
    if (!found) {
        return found.error();
    }
    if (!found->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no web certificate %1").arg(id));
    }
    return {};
}

Result<std::vector<std::pair<qint64, QString>>> WebCertificateRepository::enrolledDevices() const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT id, name FROM devices WHERE released_at IS NULL AND deleted_at IS"
                       " NULL ORDER BY name, id"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("listing enrolled devices")); !r) {
        return r.error();
    }
    std::vector<std::pair<qint64, QString>> devices;
    while (query->next()) {
        devices.emplace_back(query->value(0).toLongLong(), query->value(1).toString());
    }
    return devices;
}

} // namespace steward::server::db
