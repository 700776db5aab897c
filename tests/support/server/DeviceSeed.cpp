// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/server/DeviceSeed.h"

#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/Transaction.h"
#include "tests/support/CatchQt.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace steward::test {

void seedDevices(const server::db::DatabaseConfig& config, int count)
{
    server::db::Database database(config);
    REQUIRE(database.open().ok());
    server::db::DeviceRepository devices(database);
    server::db::Transaction transaction(database);
    REQUIRE(transaction.started().ok());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 1; i <= count; ++i) {
        server::db::Device device;
        device.name = QStringLiteral("seed-%1").arg(i, 6, 10, QLatin1Char('0'));
        device.unitId = QStringLiteral("02:00:%1:%2:%3:%4")
                            .arg((i >> 24) & 0xff, 2, 16, QLatin1Char('0'))
                            .arg((i >> 16) & 0xff, 2, 16, QLatin1Char('0'))
                            .arg((i >> 8) & 0xff, 2, 16, QLatin1Char('0'))
                            .arg(i & 0xff, 2, 16, QLatin1Char('0'));
        device.hostname = device.name;
        device.certFingerprint = QString::fromLatin1(
            QCryptographicHash::hash(device.name.toUtf8(), QCryptographicHash::Sha256).toHex());
        device.certPem =
            QStringLiteral("-----BEGIN CERTIFICATE-----\nseed\n-----END CERTIFICATE-----\n");
        device.enrolledAt = now;
        const auto inserted = devices.insert(device);
        INFO((inserted.ok() ? std::string() : inserted.error().message.toStdString()));
        REQUIRE(inserted.ok());
    }
    REQUIRE(transaction.commit().ok());
}

} // namespace steward::test
