// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/server/DeviceSeed.h"

#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/Transaction.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace steward::test {

Result<void> seedDevices(const server::db::DatabaseConfig& config, int count)
{
    server::db::Database database(config);
    if (auto opened = database.open(); !opened) {
        return opened;
    }
    server::db::DeviceRepository devices(database);
    server::db::Transaction transaction(database);
    if (!transaction.started()) {
        return transaction.started();
    }
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
        if (auto inserted = devices.insert(device); !inserted) {
            return inserted.error();
        }
    }
    return transaction.commit();
}

} // namespace steward::test
