// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Random.h"

#include "common/crypto/OpenSslSupport.h"

#include <openssl/rand.h>

namespace steward::crypto {

Result<QByteArray> randomBytes(qsizetype count)
{
    if (count < 0 || count > 1024 * 1024) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("cannot make %1 random bytes").arg(count));
    }
    QByteArray bytes(count, Qt::Uninitialized);
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), int(count)) != 1) {
        return detail::openSslError(ErrorCode::CryptoFailure,
                                    QStringLiteral("the random generator failed"));
    }
    return bytes;
}

} // namespace steward::crypto
