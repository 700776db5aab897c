// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/SecureFile.h"

#include "common/crypto/Random.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace steward::crypto {

Result<void> writePrivateFile(const QString& path, const QByteArray& content)
{
    const auto suffix = randomBytes(6);
    if (!suffix) {
        return suffix.error();
    }
    const QString temporary = path + QStringLiteral(".tmp-") + QString::fromLatin1(suffix->toHex());
    QFile file(temporary);
    // open() with permissions creates the file with exactly these bits (O_CREAT mode).
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot create %1: %2").arg(temporary, file.errorString()));
    }
    const bool written =
        file.write(content) == content.size() && file.flush() && ::fsync(file.handle()) == 0;
    file.close();
    if (!written) {
        file.remove();
        return makeError(ErrorCode::IoError, QStringLiteral("cannot write %1").arg(temporary));
    }
    if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData())
        != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        file.remove();
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot replace %1: %2").arg(path, reason));
    }
    // Makes the rename itself durable; failure here loses nothing already written.
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    if (const int fd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    return {};
}

} // namespace steward::crypto
