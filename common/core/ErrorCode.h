// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ErrorCode - every failure Steward reports has one stable, machine-readable code.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <QString>

namespace steward {

/**
 * Append only. The wire name of each code (see ErrorCode.cpp) is part of the REST and
 * socket contracts: once released it is never changed or reused.
 */
enum class ErrorCode {
    Internal,
    InvalidArgument,
    NotFound,
    AlreadyExists,
    Conflict,
    Unauthenticated,
    NotAuthorised,
    // protocol
    MalformedMessage,
    UnknownMessageType,
    MissingField,
    WrongFieldType,
    InvalidValue,
    FrameTooLarge,
    IncompatibleVersion,
    // crypto and certificates
    CryptoFailure,
    BadPassword,
    UnsupportedAlgorithm,
    WeakSignature,
    ChainNotAllowed,
    InvalidCertificate,
    KeyMismatch,
    UntrustedCertificate,
    CertificateExpired,
    SignatureInvalid,
    // files and configuration
    IoError,
    FileNotFound,
    InvalidConfig,
    // network and TLS
    TlsHandshakeFailed,
    PeerCertificateMissing,
    PeerCertificateMismatch,
    ConnectionFailed,
    ConnectionClosed,
    Timeout,
    // database
    DatabaseUnavailable,
    DatabaseTooNew,
    DatabaseError,
    // appended after the first release go below this line
    AccountLocked,
    OverwriteRefused,
};

/** The stable wire name, e.g. "incompatible_version". */
[[nodiscard]] std::string_view errorCodeName(ErrorCode code);
/** The code for a wire name, or nullopt for a name this build does not know. */
[[nodiscard]] std::optional<ErrorCode> errorCodeFromName(std::string_view name);
/** Every code in the name table; a test checks that no enum value is missing from it. */
[[nodiscard]] const std::vector<ErrorCode>& allErrorCodes();

} // namespace steward
