/**
 * `lensync/coordinator` — commitments, the ViewCoordinator client and the peer engine.
 *
 * @since 0.1.0
 */
export { canonicalize, CanonicalizeError, maxCanonicalDepth } from './canonicalize.js'
export type { CanonicalizeErrorCode, CanonicalizeErrorParameters, CanonicalizeErrorType } from './canonicalize.js'
export { stripServerManaged, viewDigest } from './digest.js'
export { generateSalt, newViewId } from './salt.js'
export { commitment, CommitmentError, viewCommitmentAbiParameters, viewCommitmentTag } from './commitment.js'
export type { CommitmentErrorCode, CommitmentErrorParameters, CommitmentErrorType, CommitmentParameters } from './commitment.js'
export { viewCoordinatorAbi, viewCoordinatorBytecode } from './abi.js'
export {
  createTransportHub,
  inProcessTransport,
  httpTransport,
  signRoundPayload,
  verifyRoundPayload,
  signFetchRequest,
  verifyFetchRequest,
  payloadPatchHash,
  transportDomain,
  transportTypes,
  TransportError,
  isTransportError,
} from './transport/index.js'
export type {
  HubHandler,
  HubResponse,
  TransportHub,
  InProcessTransport,
  InProcessTransportConfig,
  InProcessTransportErrorType,
  HttpTransport,
  HttpTransportConfig,
  HttpTransportErrorType,
  SignRoundPayloadParameters,
  VerifyRoundPayloadParameters,
  FetchRequest,
  SignedFetchRequest,
  SignFetchRequestParameters,
  VerifyFetchRequestParameters,
  TransportDomainParameters,
  TransportErrorCode,
  TransportErrorParameters,
  TransportErrorType,
  AuthorizeFetch,
  FetchPayloadParameters,
  PayloadArchive,
  RoundPayload,
  SignedRoundPayload,
  Transport,
  TransportBaseConfig,
} from './transport/index.js'
export {
  CoordinatorError,
  CoordinatorParameterError,
  getCoordinatorError,
  UnknownViewError,
  ViewExistsError,
  InvalidAccountError,
  ArrayLengthMismatchError,
  EmptyViewError,
  TooManyPeersError,
  DuplicatePeerError,
  InvalidPermissionsError,
  NotPeerError,
  NotControllerError,
  MissingPermissionError,
  NotProposerOrControllerError,
  RoundOpenError,
  NoOpenRoundError,
  WrongRoundError,
  StaleBaseError,
  CommitmentMismatchError,
  InvalidTtlError,
  RoundExpiredError,
  RoundNotExpiredError,
  BadSignatureError,
  PeerAcknowledgedError,
  AcksMissingError,
  InvalidShortStringError,
  StringTooLongError,
} from './errors.js'
export type {
  CoordinatorErrorArgs,
  CoordinatorErrorName,
  CoordinatorErrorParameters,
  CoordinatorErrorType,
  CoordinatorParameterErrorType,
  GetCoordinatorErrorParameters,
  UnknownRevertArgs,
  UnknownViewErrorType,
  ViewExistsErrorType,
  InvalidAccountErrorType,
  ArrayLengthMismatchErrorType,
  EmptyViewErrorType,
  TooManyPeersErrorType,
  DuplicatePeerErrorType,
  InvalidPermissionsErrorType,
  NotPeerErrorType,
  NotControllerErrorType,
  MissingPermissionErrorType,
  NotProposerOrControllerErrorType,
  RoundOpenErrorType,
  NoOpenRoundErrorType,
  WrongRoundErrorType,
  StaleBaseErrorType,
  CommitmentMismatchErrorType,
  InvalidTtlErrorType,
  RoundExpiredErrorType,
  RoundNotExpiredErrorType,
  BadSignatureErrorType,
  PeerAcknowledgedErrorType,
  AcksMissingErrorType,
  InvalidShortStringErrorType,
  StringTooLongErrorType,
} from './errors.js'
export { decodeCoordinatorLogs } from './events.js'
export type { CoordinatorEventName, CoordinatorLog } from './events.js'
export type { WriteParameters, WriteReturnType } from './actions/_internal/write.js'
export type { ReadParameters } from './actions/_internal/read.js'
export { deployCoordinator } from './actions/deployCoordinator.js'
export type { DeployCoordinatorErrorType, DeployCoordinatorParameters, DeployCoordinatorReturnType } from './actions/deployCoordinator.js'
export { createView } from './actions/createView.js'
export type { CreateViewErrorType, CreateViewParameters, CreateViewReturnType, PeerPermissions } from './actions/createView.js'
export { setPeer } from './actions/setPeer.js'
export type { SetPeerErrorType, SetPeerParameters, SetPeerReturnType } from './actions/setPeer.js'
export { removePeer } from './actions/removePeer.js'
export type { RemovePeerErrorType, RemovePeerParameters, RemovePeerReturnType } from './actions/removePeer.js'
export { proposeUpdate } from './actions/proposeUpdate.js'
export type { ProposeUpdateErrorType, ProposeUpdateParameters, ProposeUpdateResult, ProposeUpdateReturnType } from './actions/proposeUpdate.js'
export { ack } from './actions/ack.js'
export type { AckErrorType, AckParameters, AckResult, AckReturnType } from './actions/ack.js'
export { ackDomain, ackTypes, signAck } from './actions/signAck.js'
export type { SignAckErrorType, SignAckParameters, SignAckReturnType } from './actions/signAck.js'
export { packAckSignatures } from './actions/packAckSignatures.js'
export type { AckSignature, PackAckSignaturesErrorType, PackAckSignaturesReturnType } from './actions/packAckSignatures.js'
export { ackWithSignatures } from './actions/ackWithSignatures.js'
export type {
  AckWithSignaturesErrorType,
  AckWithSignaturesParameters,
  AckWithSignaturesResult,
  AckWithSignaturesReturnType,
} from './actions/ackWithSignatures.js'
export { cancelRound } from './actions/cancelRound.js'
export type { AbortRoundResult, CancelRoundErrorType, CancelRoundParameters, CancelRoundReturnType } from './actions/cancelRound.js'
export { expireRound } from './actions/expireRound.js'
export type { ExpireRoundErrorType, ExpireRoundParameters, ExpireRoundReturnType } from './actions/expireRound.js'
export { evictAndCommit } from './actions/evictAndCommit.js'
export type { EvictAndCommitErrorType, EvictAndCommitParameters, EvictAndCommitResult, EvictAndCommitReturnType } from './actions/evictAndCommit.js'
export { getView } from './actions/getView.js'
export type { GetViewErrorType, GetViewParameters, GetViewReturnType, ViewState } from './actions/getView.js'
export { permissionsOf } from './actions/permissionsOf.js'
export type { PermissionsOfErrorType, PermissionsOfParameters, PermissionsOfReturnType } from './actions/permissionsOf.js'
export { peersOf } from './actions/peersOf.js'
export type { PeersOfErrorType, PeersOfParameters, PeersOfReturnType, ViewPeer } from './actions/peersOf.js'
export { ackDigest } from './actions/ackDigest.js'
export type { AckDigestErrorType, AckDigestParameters, AckDigestReturnType } from './actions/ackDigest.js'
export { coordinatorEvents } from './actions/coordinatorEvents.js'
export type { CoordinatorEventsErrorType, CoordinatorEventsParameters, CoordinatorEventsReturnType } from './actions/coordinatorEvents.js'
export { createEventCursor } from './cursor.js'
export type { CreateEventCursorErrorType, CreateEventCursorParameters, CreateEventCursorReturnType, EventHandler, EventPoller } from './cursor.js'
export { getHistory } from './history.js'
export type {
  AckRecord,
  GetHistoryErrorType,
  GetHistoryParameters,
  GetHistoryReturnType,
  LogPosition,
  MembershipChange,
  RoundHistory,
  ViewHistory,
} from './history.js'
export { coordinatorActions } from './decorators.js'
export type { CoordinatorActions } from './decorators.js'
export { inProcessAckChannel } from './transport/index.js'
export type { AckChannel, InProcessAckChannelConfig, SignedAck } from './transport/index.js'
export { createPeer } from './peer/createPeer.js'
export { settle } from './peer/settle.js'
export type { SettleOptions } from './peer/settle.js'
export { authorizeMembers } from './peer/authorizeMembers.js'
export { PeerError, isPeerError } from './peer/errors.js'
export type { PeerErrorCode, PeerErrorParameters, PeerErrorType } from './peer/errors.js'
export type {
  CreatePeerParameters,
  JoinViewParameters,
  MembershipResult,
  Peer,
  PeerLogEntry,
  PublishedPayload,
  PeerViewState,
  ProposeResult,
  ShareViewParameters,
  ShareViewResult,
  SyncResult,
  ViewMember,
} from './peer/types.js'
export { httpAckChannel } from './transport/index.js'
export type { HttpAckChannel, HttpAckChannelConfig } from './transport/index.js'
