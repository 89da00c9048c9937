/**
 * Off-chain transport of round payloads (patches and salts) between the peers of a view.
 *
 * @since 0.1.0
 */
export { createTransportHub } from './hub.js'
export type { HubHandler, HubResponse, TransportHub } from './hub.js'
export { inProcessTransport } from './inProcess.js'
export type { InProcessTransport, InProcessTransportConfig, InProcessTransportErrorType } from './inProcess.js'
export { httpTransport } from './http.js'
export type { HttpTransport, HttpTransportConfig, HttpTransportErrorType } from './http.js'
export { httpTransportHandler } from './httpHandler.js'
export type { HttpTransportHandler, HttpTransportHandlerConfig, HttpTransportHandlerErrorType } from './httpHandler.js'
export { chainRoster } from './roster.js'
export type { ChainRosterOptions } from './roster.js'
export { verifyEncryptionKeyBinding } from './encryptionKey.js'
export type { EncryptionKeyBinding, VerifyEncryptionKeyBindingParameters } from './encryptionKey.js'
export { signRoundPayload, verifyRoundPayload } from './roundPayload.js'
export type { SignRoundPayloadParameters, VerifyRoundPayloadParameters } from './roundPayload.js'
export { signFetchRequest, verifyFetchRequest } from './fetchRequest.js'
export type { FetchRequest, SignedFetchRequest, SignFetchRequestParameters, VerifyFetchRequestParameters } from './fetchRequest.js'
export { payloadPatchHash } from './payloadPatchHash.js'
export { transportDomain, transportTypes } from './typedData.js'
export type { TransportDomainParameters } from './typedData.js'
export { TransportError, isTransportError } from './errors.js'
export type { TransportErrorCode, TransportErrorParameters, TransportErrorType } from './errors.js'
export type {
  FetchPayloadParameters,
  HandleOptions,
  NodeRequest,
  NodeResponse,
  OpenRound,
  PayloadArchive,
  RoundPayload,
  SealedRoundPayload,
  SignedAck,
  SignedRoundPayload,
  Transport,
  TransportBaseConfig,
  ViewRoster,
} from './types.js'
export { inProcessAckChannel } from './ackChannel.js'
export type { AckChannel, InProcessAckChannelConfig } from './ackChannel.js'
export { httpAckChannel } from './httpAckChannel.js'
export type { HttpAckChannel, HttpAckChannelConfig } from './httpAckChannel.js'
