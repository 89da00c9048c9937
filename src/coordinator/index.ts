/**
 * `lensync/coordinator` — commitments, the ViewCoordinator client and the peer engine.
 *
 * @since 0.1.0
 */
export { canonicalize, maxCanonicalDepth } from './commitment/canonicalize.js'
export { stripServerManaged, viewDigest } from './commitment/digest.js'
export { generateSalt, newViewId } from './commitment/salt.js'
export { commitment, viewCommitmentAbiParameters, viewCommitmentTag } from './commitment/commitment.js'
export type { CommitmentParameters } from './commitment/commitment.js'
export { CanonicalizeError, CommitmentError } from './commitment/errors.js'
export type {
  CanonicalizeErrorCode,
  CanonicalizeErrorParameters,
  CanonicalizeErrorType,
  CommitmentErrorCode,
  CommitmentErrorParameters,
  CommitmentErrorType,
} from './commitment/errors.js'
export { viewCommitment } from './commitment/viewCommitment.js'
export type { ViewCommitment, ViewCommitmentParameters } from './commitment/viewCommitment.js'
export { viewCoordinatorAbi, viewCoordinatorBytecode } from './chain/abi.js'
export { hasPermission, READ, WRITE } from './chain/permissions.js'
export {
  createTransportHub,
  inProcessTransport,
  httpTransport,
  httpTransportHandler,
  chainRoster,
  verifyEncryptionKeyBinding,
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
  HandleOptions,
  NodeRequest,
  NodeResponse,
  HttpTransportHandler,
  HttpTransportHandlerConfig,
  HttpTransportHandlerErrorType,
  ChainRosterOptions,
  OpenRound,
  ViewRoster,
  EncryptionKeyBinding,
  VerifyEncryptionKeyBindingParameters,
  SealedRoundPayload,
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
  InvalidRoundLimitsError,
  ProposerBenchedError,
  NotPendingControllerError,
  ControllerGracePeriodError,
  InsufficientGasForSignatureCheckError,
  PeerAcknowledgedError,
  AcksMissingError,
  InvalidShortStringError,
  StringTooLongError,
} from './chain/errors.js'
export type {
  CoordinatorErrorArgs,
  CoordinatorErrorName,
  CoordinatorErrorParameters,
  CoordinatorErrorType,
  CoordinatorParameterErrorType,
  CoordinatorReadErrorType,
  CoordinatorRevertErrorType,
  CoordinatorWriteErrorType,
  GetCoordinatorErrorParameters,
  UnknownCoordinatorErrorType,
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
  InvalidRoundLimitsErrorType,
  ProposerBenchedErrorType,
  NotPendingControllerErrorType,
  ControllerGracePeriodErrorType,
  InsufficientGasForSignatureCheckErrorType,
  PeerAcknowledgedErrorType,
  AcksMissingErrorType,
  InvalidShortStringErrorType,
  StringTooLongErrorType,
} from './chain/errors.js'
export { coordinatorEvmVersion, UnsupportedEvmError } from './chain/errors.js'
export type { UnsupportedEvmErrorType } from './chain/errors.js'
export { decodeCoordinatorLogs } from './chain/events.js'
export type { CoordinatorEventName, CoordinatorLog } from './chain/events.js'
export type { ReadParameters, WriteParameters, WriteReturnType } from './chain/actions/types.js'
export { deployCoordinator } from './chain/actions/deployCoordinator.js'
export type { DeployCoordinatorErrorType, DeployCoordinatorParameters, DeployCoordinatorReturnType } from './chain/actions/deployCoordinator.js'
export { createView, defaultRoundLimits } from './chain/actions/createView.js'
export { computeViewId } from './chain/viewId.js'
export type { ComputeViewIdParameters } from './chain/viewId.js'
export { setRoundLimits } from './chain/actions/setRoundLimits.js'
export type { SetRoundLimitsErrorType, SetRoundLimitsParameters, SetRoundLimitsReturnType } from './chain/actions/setRoundLimits.js'
export { transferControl } from './chain/actions/transferControl.js'
export type { TransferControlErrorType, TransferControlParameters, TransferControlReturnType } from './chain/actions/transferControl.js'
export { acceptControl } from './chain/actions/acceptControl.js'
export type { AcceptControlErrorType, AcceptControlParameters, AcceptControlReturnType } from './chain/actions/acceptControl.js'
export { viewIdOf } from './chain/actions/viewIdOf.js'
export type { ViewIdOfErrorType, ViewIdOfParameters, ViewIdOfReturnType } from './chain/actions/viewIdOf.js'
export type { CreateViewErrorType, CreateViewParameters, CreateViewReturnType, PeerPermissions } from './chain/actions/createView.js'
export { setPeer } from './chain/actions/setPeer.js'
export type { SetPeerErrorType, SetPeerParameters, SetPeerReturnType } from './chain/actions/setPeer.js'
export { removePeer } from './chain/actions/removePeer.js'
export type { RemovePeerErrorType, RemovePeerParameters, RemovePeerReturnType } from './chain/actions/removePeer.js'
export { proposeUpdate } from './chain/actions/proposeUpdate.js'
export type { ProposeUpdateErrorType, ProposeUpdateParameters, ProposeUpdateResult, ProposeUpdateReturnType } from './chain/actions/proposeUpdate.js'
export { ack } from './chain/actions/ack.js'
export type { AckErrorType, AckParameters, AckResult, AckReturnType } from './chain/actions/ack.js'
export { ackDomain, ackTypes, signAck } from './chain/actions/signAck.js'
export type { SignAckErrorType, SignAckParameters, SignAckReturnType } from './chain/actions/signAck.js'
export { packAckSignatures } from './chain/actions/packAckSignatures.js'
export type { AckSignature, PackAckSignaturesErrorType, PackAckSignaturesReturnType } from './chain/actions/packAckSignatures.js'
export { ackWithSignatures } from './chain/actions/ackWithSignatures.js'
export type {
  AckWithSignaturesErrorType,
  AckWithSignaturesParameters,
  AckWithSignaturesResult,
  AckWithSignaturesReturnType,
} from './chain/actions/ackWithSignatures.js'
export { cancelRound } from './chain/actions/cancelRound.js'
export type { AbortRoundResult, CancelRoundErrorType, CancelRoundParameters, CancelRoundReturnType } from './chain/actions/cancelRound.js'
export { expireRound } from './chain/actions/expireRound.js'
export type { ExpireRoundErrorType, ExpireRoundParameters, ExpireRoundReturnType } from './chain/actions/expireRound.js'
export { evictAndCommit } from './chain/actions/evictAndCommit.js'
export type { EvictAndCommitErrorType, EvictAndCommitParameters, EvictAndCommitResult, EvictAndCommitReturnType } from './chain/actions/evictAndCommit.js'
export { getView } from './chain/actions/getView.js'
export type { GetViewErrorType, GetViewParameters, GetViewReturnType, ViewState } from './chain/actions/getView.js'
export { permissionsOf } from './chain/actions/permissionsOf.js'
export type { PermissionsOfErrorType, PermissionsOfParameters, PermissionsOfReturnType } from './chain/actions/permissionsOf.js'
export { peersOf } from './chain/actions/peersOf.js'
export type { PeersOfErrorType, PeersOfParameters, PeersOfReturnType, ViewPeer } from './chain/actions/peersOf.js'
export { ackDigest } from './chain/actions/ackDigest.js'
export type { AckDigestErrorType, AckDigestParameters, AckDigestReturnType } from './chain/actions/ackDigest.js'
export { coordinatorEvents } from './chain/actions/coordinatorEvents.js'
export type { CoordinatorEventsErrorType, CoordinatorEventsParameters, CoordinatorEventsReturnType } from './chain/actions/coordinatorEvents.js'
export { createEventCursor } from './chain/cursor.js'
export type { CreateEventCursorErrorType, CreateEventCursorParameters, CreateEventCursorReturnType, EventHandler, EventPoller } from './chain/cursor.js'
export { getHistory } from './chain/history.js'
export type {
  AckRecord,
  GetHistoryErrorType,
  GetHistoryParameters,
  GetHistoryReturnType,
  LogPosition,
  MembershipChange,
  RoundHistory,
  ViewHistory,
} from './chain/history.js'
export { coordinatorActions } from './chain/decorators.js'
export type { CoordinatorActions } from './chain/decorators.js'
export { inProcessAckChannel } from './transport/index.js'
export type { AckChannel, InProcessAckChannelConfig, SignedAck } from './transport/index.js'
export { createPeer } from './peer/createPeer.js'
export { settle } from './peer/settle.js'
export type { SettleOptions } from './peer/settle.js'
export { PeerError, isPeerError, RoundRefusedError } from './peer/errors.js'
export type { PeerErrorCode, PeerErrorParameters, PeerErrorType, RoundRefusalCode, RoundRefusedErrorParameters, RoundRefusedErrorType } from './peer/errors.js'
export type { RoundOutcome, WaitForRoundOptions } from './peer/roundOutcome.js'
export { InjectedFault, faultPoints, isInjectedFault } from './peer/faults.js'
export type { FaultHook, FaultPoint, FaultSite, InjectedFaultType } from './peer/faults.js'
export type {
  CreatePeerParameters,
  JoinViewParameters,
  MembershipResult,
  Peer,
  PeerLogEntry,
  PeerLogReason,
  PublishedPayload,
  PeerViewState,
  ProposeResult,
  RetryPolicy,
  ShareViewParameters,
  ShareViewResult,
  SyncResult,
  UpdateResult,
  ViewHandle,
  ViewMember,
} from './peer/types.js'
export { httpAckChannel } from './transport/index.js'
export type { HttpAckChannel, HttpAckChannelConfig } from './transport/index.js'
