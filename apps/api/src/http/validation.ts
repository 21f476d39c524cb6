export { bodyWith, parseInput, ValidationError, type IssueView } from '@tilneste/application';
